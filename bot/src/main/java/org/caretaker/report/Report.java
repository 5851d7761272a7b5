package org.caretaker.report;

import java.util.List;
import java.util.Objects;
import org.caretaker.check.Severity;

/**
 * What Caretaker has to say, independent of where it is shown: a chat answer, a state-change alert, a
 * digest. One renderer per platform turns it into console text, a Telegram HTML message or Discord embeds;
 * renderers decide how, never what.
 *
 * @param title       one line: "daily-sanity: 2 new problems, 1 resolved"
 * @param severity    the colour of the whole message; OK when nothing is wrong
 * @param sections    the body
 * @param attachments long raw output sent as files where the platform can
 * @param actions     buttons offered with the message (confirm, approve); platforms without buttons print
 *                    the command to type
 */
public record Report(String title, Severity severity, List<Section> sections, List<Attachment> attachments, List<Action> actions) {

    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        sections = List.copyOf(sections);
        attachments = List.copyOf(attachments);
        actions = List.copyOf(actions);
    }

    public static Report text(String title, Severity severity, String... lines) {
        return new Report(title, severity, List.of(Section.of("", lines)), List.of(), List.of());
    }

    /**
     * A titled group of lines.
     *
     * @param heading empty for an untitled section
     */
    public record Section(String heading, List<Line> lines) {
        public Section {
            lines = List.copyOf(lines);
        }

        public static Section of(String heading, String... lines) {
            return new Section(heading, java.util.Arrays.stream(lines).map(Line::plain).toList());
        }
    }

    /**
     * One line of a section.
     *
     * @param severity shown as a marker in front, or null for plain text
     * @param text     the text; anything that came from a host is inside it and is escaped by renderers
     * @param runbook  a runbook anchor ({@code runbook/zfs#degraded-pool}) or empty
     * @param code     true for raw output that should keep its spacing (a code block)
     */
    public record Line(Severity severity, String text, String runbook, boolean code) {
        public Line {
            Objects.requireNonNull(text, "text");
            runbook = runbook == null ? "" : runbook;
        }

        public static Line plain(String text) {
            return new Line(null, text, "", false);
        }

        public static Line of(Severity severity, String text, String runbook) {
            return new Line(severity, text, runbook, false);
        }

        public static Line code(String text) {
            return new Line(null, text, "", true);
        }
    }

    /** A file to send along: the full raw output of a diagnostic bundle, a long listing. */
    public record Attachment(String fileName, String content) {
        public Attachment {
            if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("attachment names are plain file names: " + fileName);
            }
        }
    }

    /**
     * A button: pressing it sends {@code command} as if the user had typed it.
     *
     * @param label   "Confirm sync"
     * @param command "/confirm 7f3a"
     */
    public record Action(String label, String command) {
    }
}
