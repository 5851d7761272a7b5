package org.caretaker.chat.console;

import java.util.List;
import java.util.regex.Pattern;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;

/**
 * A {@link Report} as plain terminal text: a severity marker in front of the title and of each judged line,
 * headings underlined, raw output indented, runbook anchors as {@code → runbook/x#y}, and actions as the
 * command to type (a terminal has no buttons).
 *
 * <p>Everything in a report may have come from a host, and a terminal obeys escape sequences: a hostile
 * disk model or container name could clear the screen, retitle the window or fake lines. So every string
 * is cleaned first — ANSI and other escape sequences removed whole, control characters and bidirectional
 * overrides dropped, line breaks kept only where raw output needs them.
 */
public final class ConsoleRenderer {
    private static final String INDENT = "  ";
    private static final String CODE_INDENT = "      ";
    private static final String UNDER_MARKER = "       ";

    /** CSI (colours, cursor moves, clearing), 7-bit and 8-bit. */
    private static final Pattern CSI = Pattern.compile("(?:\u001B\\[|\u009B)[0-?]*[ -/]*[@-~]?");
    /** OSC (window titles, hyperlinks, clipboard writes) and the other string sequences, up to their terminator. */
    private static final Pattern STRINGS = Pattern.compile("(?:\u001B[\\]PX^_]|[\u009D\u0090\u0098\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\\\|\u009C)?");
    /** Any other escape: two-character sequences and character-set designations. */
    private static final Pattern OTHER_ESC = Pattern.compile("\u001B[ -/]*[0-~]?");
    /** What is left that a terminal would act on, and the characters that reorder text on screen. */
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]");

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(marker(report.severity())).append(' ').append(oneLine(report.title())).append('\n');
        for (Report.Section section : report.sections()) {
            String heading = oneLine(section.heading());
            if (heading.isBlank() && section.lines().isEmpty()) {
                continue;
            }
            out.append('\n');
            if (!heading.isBlank()) {
                out.append(heading).append('\n').append("-".repeat(heading.codePointCount(0, heading.length()))).append('\n');
            }
            for (Report.Line line : section.lines()) {
                line(out, line);
            }
        }
        if (!report.actions().isEmpty()) {
            out.append('\n').append("Actions:").append('\n');
            for (Report.Action a : report.actions()) {
                out.append(INDENT).append(oneLine(a.label())).append(": type ").append(oneLine(a.command())).append('\n');
            }
        }
        for (Report.Attachment a : report.attachments()) {
            List<String> lines = clean(a.content()).lines().toList();
            out.append('\n').append("Attachment ").append(a.fileName()).append(" (").append(lines.size())
                    .append(lines.size() == 1 ? " line" : " lines").append("):").append('\n');
            for (String l : lines) {
                out.append(CODE_INDENT).append(l).append('\n');
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, Report.Line line) {
        if (line.code()) {
            for (String l : clean(line.text()).split("\n", -1)) {
                out.append(CODE_INDENT).append(l).append('\n');
            }
        } else {
            out.append(INDENT);
            if (line.severity() != null) {
                out.append(marker(line.severity())).append(' ');
            }
            out.append(oneLine(line.text())).append('\n');
        }
        String runbook = oneLine(line.runbook());
        if (!runbook.isBlank()) {
            out.append(INDENT).append(line.severity() != null && !line.code() ? UNDER_MARKER : "").append("→ ").append(runbook).append('\n');
        }
    }

    /** Fixed-width markers, so that the text after them lines up. */
    public static String marker(Severity s) {
        return switch (s) {
            case OK -> "[ OK ]";
            case WARN -> "[WARN]";
            case CRIT -> "[CRIT]";
            case UNKNOWN -> "[UNKN]";
            case UNREACHABLE -> "[DOWN]";
        };
    }

    /** Clean text on one line: line breaks become spaces, so a host cannot start a line of its own. */
    static String oneLine(String s) {
        return clean(s).replace('\n', ' ').strip();
    }

    /**
     * Removes escape sequences whole and drops every other control character; keeps line breaks (a lone
     * carriage return, which would overwrite the line, becomes one) and turns tabs into spaces.
     */
    static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String t = s.replace("\r\n", "\n").replace('\r', '\n').replace("\t", "    ");
        t = STRINGS.matcher(t).replaceAll("");
        t = CSI.matcher(t).replaceAll("");
        t = OTHER_ESC.matcher(t).replaceAll("");
        return CONTROLS.matcher(t).replaceAll("");
    }
}
