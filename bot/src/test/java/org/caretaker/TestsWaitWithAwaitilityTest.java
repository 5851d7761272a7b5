package org.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests wait with Awaitility ({@code atMost} for "until", {@code during} for "stays so"), never by sleeping: a
 * sleep is either too short on a loaded machine or too long everywhere else. The only sleeps allowed are those of
 * fake peers whose behaviour is to be slow; they are listed here by file, each with a comment at the sleep saying
 * why. Scans the test sources of every module.
 */
class TestsWaitWithAwaitilityTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SLEEP = Pattern.compile(
            "\\bThread\\s*\\.\\s*sleep\\s*\\(|\\b(NANO|MICRO|MILLI)?SECONDS\\s*\\.\\s*sleep\\s*\\(|\\b(MINUTES|HOURS|DAYS)\\s*\\.\\s*sleep\\s*\\("
                    + "|\\bLockSupport\\s*\\.\\s*parkNanos\\s*\\(");

    /** Fake peers that are slow on purpose: the sleep is what the peer does, not how a test waits. */
    private static final Set<String> FAKE_PEERS_THAT_SLEEP = Set.of(
            "bot/src/test/java/org/caretaker/cluster/SlowEndpoint.java",
            "bot/src/test/java/org/caretaker/exec/HostilePeer.java");

    private static List<Path> testSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path testJava : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(testJava)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    private static String relative(Path source) {
        return REPO.relativize(source).toString().replace('\\', '/');
    }

    @Test
    void noTestSleeps_outsideTheFakePeersThatAreSlowOnPurpose() throws IOException {
        List<Path> sources = testSources();
        assertThat(sources).as("test sources of bot and site-generator").anyMatch(f -> relative(f).startsWith("bot/"))
                .anyMatch(f -> relative(f).startsWith("site-generator/"));

        List<String> sleeps = new ArrayList<>();
        for (Path f : sources) {
            if (FAKE_PEERS_THAT_SLEEP.contains(relative(f))) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (SLEEP.matcher(lines.get(i)).find()) {
                    sleeps.add(relative(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(sleeps).as("sleeps in tests; wait with await().atMost(...).until(...) or .during(...) instead, "
                + "or, for a fake peer that is slow on purpose, add it to FAKE_PEERS_THAT_SLEEP with a comment at the sleep").isEmpty();
    }

    @Test
    void everyFakePeerOnTheAllowList_stillSleeps_soTheListDoesNotOutliveItsReason() throws IOException {
        for (String peer : FAKE_PEERS_THAT_SLEEP) {
            Path f = REPO.resolve(peer);
            assertThat(f).as("allow-listed fake peer").exists();
            assertThat(SLEEP.matcher(Files.readString(f)).find()).as("%s still sleeps", peer).isTrue();
        }
    }
}
