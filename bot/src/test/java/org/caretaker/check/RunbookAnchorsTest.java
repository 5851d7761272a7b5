package org.caretaker.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every runbook anchor a finding can carry must lead somewhere: a page under {@code content/runbook/} with a
 * heading whose id is the anchor. The anchors are collected from the bot's sources, where checks name them.
 */
class RunbookAnchorsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern ANCHOR = Pattern.compile("\"runbook/([a-z0-9-]+)#([a-z0-9-]+)\"");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyAnchorUsedInTheSources_resolvesToAHeadingInTheRunbook() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(REPO.resolve("bot/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ANCHOR.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1) + "#" + m.group(2));
                }
            }
        }
        assertThat(used).as("anchors found in the sources").hasSizeGreaterThan(50);

        List<String> missing = new ArrayList<>();
        for (String a : used) {
            String page = a.substring(0, a.indexOf('#'));
            Path md = REPO.resolve("content/runbook/" + page + ".md");
            if (!Files.exists(md) || !headingIds(md).contains(a.substring(a.indexOf('#') + 1))) {
                missing.add("runbook/" + a);
            }
        }
        assertThat(missing).as("anchors without a runbook section").isEmpty();
    }

    /** Heading ids as the site generates them: lower case, spaces to '-', other punctuation dropped. */
    static Set<String> headingIds(Path md) throws IOException {
        Set<String> ids = new TreeSet<>();
        boolean fence = false;
        for (String line : Files.readAllLines(md)) {
            if (line.strip().startsWith("```")) {
                fence = !fence;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fence && m.matches()) {
                ids.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").trim().replaceAll("[ _]+", "-"));
            }
        }
        return ids;
    }
}
