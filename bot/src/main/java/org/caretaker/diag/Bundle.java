package org.caretaker.diag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything one diagnostic gathered on one host, in the order it was asked. {@link #text()} is the file
 * attached in chat and kept under the data directory; {@link #parse} reads such a file back, so that a bundle
 * saved after a real freeze can be analysed again (and tests feed the analysis captured bundles).
 *
 * @param kind  which diagnostic: {@code freeze}, {@code storage}, {@code containers}, {@code k8s}
 * @param host  the host name from the configuration
 * @param taken when gathering started
 */
public record Bundle(String kind, String host, Instant taken, List<Section> sections) {
    private static final Pattern HEAD = Pattern.compile("# caretaker diag (\\S+) host=(\\S+) taken=(\\S+)");
    private static final Pattern SECTION = Pattern.compile("==== ([a-z0-9-]+) \\(exit (-?\\d+)\\): (.*)");
    private static final String NOTE = "---- note: ";
    private static final String STDERR = "---- stderr";

    public Bundle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(taken, "taken");
        sections = List.copyOf(sections);
    }

    /** The first section with that label. */
    public Optional<Section> section(String label) {
        return sections.stream().filter(s -> s.label().equals(label)).findFirst();
    }

    /** stdout of the section when it ran at all, else empty text. */
    public String stdout(String label) {
        return section(label).map(Section::stdout).orElse("");
    }

    /** A plain-text file name for the attachment: {@code diag-freeze-nas-20261203T075201Z.txt}. */
    public String fileName() {
        String stamp = taken.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
        return "diag-" + kind + "-" + host + "-" + stamp + ".txt";
    }

    /** The whole bundle as one text file; each section headed by its label, exit status and command. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("# caretaker diag ").append(kind).append(" host=").append(host).append(" taken=").append(taken).append('\n');
        for (Section s : sections) {
            sb.append("==== ").append(s.label()).append(" (exit ").append(s.exitCode()).append("): ").append(s.command()).append('\n');
            if (!s.note().isEmpty()) {
                sb.append(NOTE).append(s.note().replace('\n', ' ')).append('\n');
            }
            appendBlock(sb, s.stdout());
            if (!s.stderr().isEmpty()) {
                sb.append(STDERR).append('\n');
                appendBlock(sb, s.stderr());
            }
        }
        return sb.toString();
    }

    private static void appendBlock(StringBuilder sb, String text) {
        if (text.isEmpty()) {
            return;
        }
        sb.append(text);
        if (!text.endsWith("\n")) {
            sb.append('\n');
        }
    }

    /**
     * Reads {@link #text()} back. Lines a host printed that happen to start with {@code ==== label (exit N):}
     * would be taken for a new section; the bundle format accepts that for the sake of staying plain text.
     */
    public static Bundle parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0) {
            throw new IllegalArgumentException("not a diagnostic bundle: empty");
        }
        Matcher head = HEAD.matcher(lines[0]);
        if (!head.matches()) {
            throw new IllegalArgumentException("not a diagnostic bundle: the first line is not '# caretaker diag <kind> host=<host> taken=<time>'");
        }
        Instant taken;
        try {
            taken = Instant.parse(head.group(3));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a diagnostic bundle: bad time " + head.group(3), e);
        }
        List<Section> sections = new ArrayList<>();
        Builder current = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                if (current != null) {
                    sections.add(current.build());
                }
                current = new Builder(m.group(1), m.group(3), Integer.parseInt(m.group(2)));
            } else if (current != null) {
                current.line(line, i == lines.length - 1);
            }
        }
        if (current != null) {
            sections.add(current.build());
        }
        return new Bundle(head.group(1), head.group(2), taken, sections);
    }

    private static final class Builder {
        final String label;
        final String command;
        final int exit;
        String note = "";
        final StringBuilder out = new StringBuilder();
        final StringBuilder err = new StringBuilder();
        boolean inErr;

        Builder(String label, String command, int exit) {
            this.label = label;
            this.command = command;
            this.exit = exit;
        }

        void line(String line, boolean last) {
            if (last && line.isEmpty()) {
                return;
            }
            if (line.startsWith(NOTE) && out.length() == 0 && !inErr) {
                note = line.substring(NOTE.length());
            } else if (line.equals(STDERR) && !inErr) {
                inErr = true;
            } else {
                (inErr ? err : out).append(line).append('\n');
            }
        }

        Section build() {
            return new Section(label, command, exit, out.toString(), err.toString(), note);
        }
    }
}
