package org.caretaker.chat.telegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.caretaker.chat.console.ConsoleRenderer;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;

/**
 * A {@link Report} as Telegram messages in HTML parse mode: a severity emoji before the title and each
 * judged line, headings in bold, raw output in {@code <pre>}, runbook anchors as text (or as links when
 * the runbook site's address is known), and actions as inline-keyboard buttons.
 *
 * <p>Telegram refuses a whole message over one unescaped {@code <} ("can't parse entities"), and a host
 * can put anything in a disk model or a container name, so every string from a report is escaped here
 * ({@code &}, {@code <}, {@code >}: all the Bot API asks for) and stripped of control characters and
 * bidirectional overrides. Text longer than {@value #MESSAGE_LIMIT} characters is {@link #split split}
 * on line boundaries; a report that would take more than {@value #MAX_MESSAGES} messages is sent as a
 * short message plus the full text as a document, because a phone screen full of message bubbles is
 * harder to read than one file.
 */
public final class TelegramRenderer {
    /** The Bot API's limit for one message's text. */
    public static final int MESSAGE_LIMIT = 4096;
    /** More messages than this and the report goes as a document. */
    public static final int MAX_MESSAGES = 3;
    /** The Bot API's limit for a button's callback data, in bytes. */
    public static final int CALLBACK_DATA_LIMIT = 64;
    static final String FULL_REPORT = "report.txt";

    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]");
    private static final Pattern RUNBOOK = Pattern.compile("[a-z0-9][a-z0-9/_-]*(#[A-Za-z0-9_-]+)?");

    private final Optional<URI> siteBase;

    /** Runbook anchors shown as text: the reader knows where the runbook is. */
    public TelegramRenderer() {
        this.siteBase = Optional.empty();
    }

    /**
     * Runbook anchors as links into the runbook site.
     *
     * @param siteBase where the site is served, such as {@code http://nas.lan:8484/}
     */
    public TelegramRenderer(URI siteBase) {
        String s = siteBase.toString();
        this.siteBase = Optional.of(URI.create(s.endsWith("/") ? s : s + "/"));
    }

    /**
     * What to send for one report, in this order: the messages, then the documents. Buttons go under the
     * last message.
     *
     * @param messages  HTML texts, each within {@link #MESSAGE_LIMIT}
     * @param documents files: the full report when it is long, and the report's attachments
     * @param buttons   actions whose command fits in a button's callback data
     */
    public record Rendering(List<String> messages, List<Report.Attachment> documents, List<Report.Action> buttons) {
        public Rendering {
            messages = List.copyOf(messages);
            documents = List.copyOf(documents);
            buttons = List.copyOf(buttons);
        }
    }

    public Rendering render(Report report) {
        List<Report.Action> buttons = new ArrayList<>();
        List<Report.Action> typed = new ArrayList<>();
        for (Report.Action a : report.actions()) {
            // Telegram takes at most 100 buttons on a keyboard; the rest are listed to be typed.
            (fitsButton(a.command()) && buttons.size() < TelegramAdapter.MAX_BUTTONS ? buttons : typed).add(a);
        }
        String html = html(report, typed);
        List<String> messages = split(html, MESSAGE_LIMIT);
        List<Report.Attachment> documents = new ArrayList<>();
        if (messages.size() > MAX_MESSAGES) {
            String full = new ConsoleRenderer().render(report);
            long lines = full.lines().count();
            StringBuilder summary = new StringBuilder();
            summary.append(marker(report.severity())).append(" <b>").append(escape(oneLine(report.title()))).append("</b>\n\n")
                    .append("The full report is too long for messages; it is attached as ").append(FULL_REPORT)
                    .append(" (").append(lines).append(lines == 1 ? " line" : " lines").append(").");
            typedActions(summary, typed);
            messages = split(summary.toString(), MESSAGE_LIMIT);
            documents.add(new Report.Attachment(FULL_REPORT, full));
        }
        // Telegram refuses an empty file; an empty attachment has nothing to show anyway.
        report.attachments().stream().filter(a -> !a.content().isEmpty()).forEach(documents::add);
        return new Rendering(messages, documents, buttons);
    }

    /** The whole report as one HTML text, before splitting. */
    String html(Report report, List<Report.Action> typed) {
        StringBuilder out = new StringBuilder();
        out.append(marker(report.severity())).append(" <b>").append(escape(oneLine(report.title()))).append("</b>\n");
        for (Report.Section section : report.sections()) {
            String heading = oneLine(section.heading());
            if (heading.isBlank() && section.lines().isEmpty()) {
                continue;
            }
            out.append('\n');
            if (!heading.isBlank()) {
                out.append("<b>").append(escape(heading)).append("</b>\n");
            }
            List<String> code = new ArrayList<>();
            for (Report.Line line : section.lines()) {
                if (line.code()) {
                    code.add(clean(line.text()));
                    if (line.runbook().isBlank()) {
                        continue;
                    }
                }
                flushCode(out, code);
                if (!line.code()) {
                    if (line.severity() != null) {
                        out.append(marker(line.severity())).append(' ');
                    }
                    out.append(escape(oneLine(line.text()))).append('\n');
                }
                String runbook = oneLine(line.runbook());
                if (!runbook.isBlank()) {
                    out.append("   → ").append(runbook(runbook)).append('\n');
                }
            }
            flushCode(out, code);
        }
        typedActions(out, typed);
        return out.toString().stripTrailing();
    }

    private static void flushCode(StringBuilder out, List<String> code) {
        if (code.isEmpty()) {
            return;
        }
        out.append("<pre>").append(escape(String.join("\n", code))).append("</pre>\n");
        code.clear();
    }

    private static void typedActions(StringBuilder out, List<Report.Action> typed) {
        if (typed.isEmpty()) {
            return;
        }
        out.append("\n\n");
        for (Report.Action a : typed) {
            out.append(escape(oneLine(a.label()))).append(": send <code>").append(escape(oneLine(a.command()))).append("</code>\n");
        }
    }

    private String runbook(String anchor) {
        if (siteBase.isEmpty() || !RUNBOOK.matcher(anchor).matches()) {
            return escape(anchor);
        }
        int hash = anchor.indexOf('#');
        String page = hash < 0 ? anchor : anchor.substring(0, hash);
        String fragment = hash < 0 ? "" : anchor.substring(hash);
        String href = siteBase.get() + page + ".html" + fragment;
        return "<a href=\"" + escape(href).replace("\"", "&quot;") + "\">" + escape(anchor) + "</a>";
    }

    /** Whether a command fits a button's callback data (64 bytes). */
    static boolean fitsButton(String command) {
        return !command.isEmpty() && command.getBytes(StandardCharsets.UTF_8).length <= CALLBACK_DATA_LIMIT;
    }

    /** An emoji per severity: it reads at a glance in a notification. */
    public static String marker(Severity s) {
        return switch (s) {
            case OK -> "✅";
            case WARN -> "⚠️";
            case CRIT -> "🔴";
            case UNKNOWN -> "❔";
            case UNREACHABLE -> "⛔";
        };
    }

    /** The three characters the Bot API's HTML mode wants escaped in text. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Control characters and reordering marks removed, line breaks kept, tabs as spaces. */
    static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String t = s.replace("\r\n", "\n").replace('\r', '\n').replace("\t", "    ");
        return CONTROLS.matcher(t).replaceAll("");
    }

    /** Clean text on one line, so that a host cannot start a line of its own. */
    static String oneLine(String s) {
        return clean(s).replace('\n', ' ').strip();
    }

    /**
     * Splits HTML into texts of at most {@code limit} characters. Cuts fall on line breaks where a line
     * fits; a longer line is cut between characters. A cut never falls inside a tag or an entity, and
     * tags open at a cut are closed at the end of one text and opened again at the start of the next, so
     * every text is valid on its own. No line is dropped; blank texts are.
     *
     * @throws IllegalArgumentException when {@code limit} is too small to hold any content with its tags
     */
    public static List<String> split(String html, int limit) {
        if (limit < 16) {
            throw new IllegalArgumentException("limit must be at least 16, found " + limit);
        }
        List<String> out = new ArrayList<>();
        List<String[]> open = new ArrayList<>(); // {name, opening tag}
        StringBuilder cur = new StringBuilder();
        int contentStart = 0;
        int breakAt = -1;
        List<String[]> breakOpen = List.of();
        int i = 0;
        while (i < html.length()) {
            int end = atomEnd(html, i);
            String atom = html.substring(i, end);
            if (atom.equals("\n") && cur.length() == contentStart) {
                i = end; // a text does not start with a line break
                continue;
            }
            List<String[]> after = applied(open, atom);
            if (cur.length() > contentStart && cur.length() + atom.length() + closers(after).length() > limit) {
                if (breakAt > contentStart) {
                    String tail = cur.substring(breakAt + 1);
                    emit(out, cur.substring(0, breakAt) + closers(breakOpen));
                    String openers = openers(breakOpen);
                    cur = new StringBuilder(openers).append(tail);
                    contentStart = openers.length();
                } else {
                    emit(out, cur + closers(open));
                    String openers = openers(open);
                    cur = new StringBuilder(openers);
                    contentStart = openers.length();
                }
                breakAt = -1;
                if (contentStart + atom.length() + closers(after).length() > limit && cur.length() == contentStart) {
                    throw new IllegalArgumentException("limit " + limit + " cannot hold '" + atom + "' inside " + openers(open));
                }
                continue;
            }
            if (atom.equals("\n")) {
                breakAt = cur.length();
                breakOpen = List.copyOf(open);
            }
            cur.append(atom);
            open = after;
            i = end;
        }
        emit(out, cur.toString());
        return out;
    }

    /** Where the atom starting at {@code i} ends: a whole tag, a whole entity or one code point. */
    private static int atomEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '<') {
            int close = s.indexOf('>', i);
            return close < 0 ? i + 1 : close + 1;
        }
        if (c == '&') {
            int semi = s.indexOf(';', i);
            if (semi > i && semi - i <= 12 && s.substring(i + 1, semi).matches("#?[A-Za-z0-9]+")) {
                return semi + 1;
            }
        }
        return i + Character.charCount(s.codePointAt(i));
    }

    private static List<String[]> applied(List<String[]> open, String atom) {
        if (!atom.startsWith("<") || atom.length() < 3 || !atom.endsWith(">")) {
            return open;
        }
        List<String[]> next = new ArrayList<>(open);
        if (atom.startsWith("</")) {
            String name = atom.substring(2, atom.length() - 1).strip();
            for (int k = next.size() - 1; k >= 0; k--) {
                if (next.get(k)[0].equals(name)) {
                    next.remove(k);
                    break;
                }
            }
        } else if (!atom.endsWith("/>")) {
            String inner = atom.substring(1, atom.length() - 1);
            int space = inner.indexOf(' ');
            next.add(new String[] {space < 0 ? inner : inner.substring(0, space), atom});
        }
        return next;
    }

    private static String closers(List<String[]> open) {
        StringBuilder s = new StringBuilder();
        for (int k = open.size() - 1; k >= 0; k--) {
            s.append("</").append(open.get(k)[0]).append('>');
        }
        return s.toString();
    }

    private static String openers(List<String[]> open) {
        StringBuilder s = new StringBuilder();
        for (String[] t : open) {
            s.append(t[1]);
        }
        return s.toString();
    }

    private static void emit(List<String> out, String text) {
        String t = text.stripTrailing();
        if (!t.replaceAll("<[^>]*>", "").isBlank()) {
            out.add(t);
        }
    }
}
