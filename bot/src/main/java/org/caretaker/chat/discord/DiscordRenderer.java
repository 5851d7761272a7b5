package org.caretaker.chat.discord;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.caretaker.chat.FileFit;
import org.caretaker.chat.console.ConsoleRenderer;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;

/**
 * A {@link Report} as Discord messages: one embed coloured by severity, with a marker in front of each judged
 * line and runbook links; buttons for the report's actions (the button's custom id is the command it sends).
 *
 * <p>Discord refuses what is too long instead of cutting it, so every limit is kept here: a body that fits an
 * embed description (4,096) goes there; a longer one follows the embed as plain messages of at most 2,000
 * characters, split on line boundaries with code blocks closed and reopened; beyond {@value #MAX_TEXT_MESSAGES}
 * such messages the whole text is attached as a file and the embed shows its beginning. Nothing a host said
 * is dropped, and nothing it said is read as markdown or as a mention: text is escaped, raw output sits in
 * code blocks, and messages mention nobody.
 */
public final class DiscordRenderer {
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int CONTENT_MAX = 2000;
    static final int MAX_TEXT_MESSAGES = 5;
    static final int PREVIEW_MAX = 3000;
    static final int MAX_FILES = 10;
    static final int BUTTON_LABEL_MAX = 80;
    static final int CUSTOM_ID_MAX = 100;
    static final String FULL_TEXT_FILE = "report.txt";

    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]");
    private static final String FENCE = "```";

    private final Optional<URI> site;
    private final long uploadLimit;

    /** Runbook anchors are shown as text: there is no public address for the runbook site. */
    public DiscordRenderer() {
        this(Optional.empty(), FileFit.DISCORD_LIMIT);
    }

    /** @param site the public address of the runbook site; runbook anchors become links below it */
    public DiscordRenderer(URI site) {
        this(Optional.of(site), FileFit.DISCORD_LIMIT);
    }

    /** @param uploadLimit the most one message's files may weigh together */
    DiscordRenderer(Optional<URI> site, long uploadLimit) {
        this.site = site;
        this.uploadLimit = uploadLimit;
    }

    /** The messages to send, in order; never empty. */
    public List<MessageCreateData> render(Report report) {
        String title = clip(marker(report.severity()) + " " + escape(oneLine(report.title())), TITLE_MAX);
        List<Piece> body = body(report);
        List<MessageCreateBuilder> messages = new ArrayList<>();
        List<FileUpload> files = new ArrayList<>();
        List<String> described = chunks(body, DESCRIPTION_MAX);
        EmbedBuilder embed = new EmbedBuilder().setTitle(title).setColor(colour(report.severity()));
        if (described.size() <= 1) {
            embed.setDescription(described.isEmpty() ? null : described.get(0));
            messages.add(message().setEmbeds(embed.build()));
        } else {
            List<String> texts = chunks(body, CONTENT_MAX);
            if (texts.size() <= MAX_TEXT_MESSAGES) {
                embed.setDescription("Continued below in " + texts.size() + " messages.");
                messages.add(message().setEmbeds(embed.build()));
                for (String t : texts) {
                    messages.add(message().setContent(t));
                }
            } else {
                String preview = chunks(body, PREVIEW_MAX).get(0);
                embed.setDescription(preview + "\n\n*Too long for chat: the full text is attached as " + FULL_TEXT_FILE + ".*");
                messages.add(message().setEmbeds(embed.build()));
                String full = new ConsoleRenderer().render(new Report(report.title(), report.severity(), report.sections(), List.of(), List.of()));
                FileFit.fit(new Report.Attachment(FULL_TEXT_FILE, full), uploadLimit, "Discord")
                        .ifPresent(f -> files.add(FileUpload.fromData(f.bytes(), f.name())));
            }
        }
        if (!files.isEmpty()) {
            messages.get(messages.size() - 1).addFiles(files);
        }
        List<Button> buttons = buttons(report.actions());
        if (!buttons.isEmpty()) {
            messages.get(messages.size() - 1).setComponents(ActionRow.partitionOf(buttons));
        }
        // The report's files come after its text, in messages of their own: a file Discord refuses then
        // never takes the text with it. Each is fitted under the upload limit, and the messages are filled
        // up to that limit and ten files.
        MessageCreateBuilder carrier = null;
        long weight = 0;
        List<String> notes = new ArrayList<>();
        for (Report.Attachment a : report.attachments()) {
            Optional<FileFit.Fitted> fitted = FileFit.fit(a, uploadLimit, "Discord");
            if (fitted.isEmpty()) {
                continue;
            }
            FileFit.Fitted f = fitted.get();
            if (carrier == null || weight + f.bytes().length > uploadLimit || carrier.getAttachments().size() == MAX_FILES) {
                flushNotes(carrier, notes);
                carrier = message();
                messages.add(carrier);
                weight = 0;
            }
            carrier.addFiles(FileUpload.fromData(f.bytes(), f.name()));
            weight += f.bytes().length;
            f.note().ifPresent(notes::add);
        }
        flushNotes(carrier, notes);
        return messages.stream().map(MessageCreateBuilder::build).toList();
    }

    private static void flushNotes(MessageCreateBuilder carrier, List<String> notes) {
        if (carrier != null && !notes.isEmpty()) {
            carrier.setContent(clip(escape(String.join("\n", notes)), CONTENT_MAX));
        }
        notes.clear();
    }

    /**
     * One of the actions as a button, or none when its command is too long for a custom id (it is typed
     * instead); at most 25 (five rows of five), and a command only once: Discord refuses a message whose
     * custom ids repeat.
     */
    private static List<Button> buttons(List<Report.Action> actions) {
        List<Button> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Report.Action a : actions) {
            String command = oneLine(a.command());
            if (command.isEmpty() || command.length() > CUSTOM_ID_MAX || out.size() == 25 || !ids.add(command)) {
                continue;
            }
            out.add(Button.primary(command, clip(oneLine(a.label()).isEmpty() ? command : oneLine(a.label()), BUTTON_LABEL_MAX)));
        }
        return out;
    }

    private static MessageCreateBuilder message() {
        return new MessageCreateBuilder().setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
    }

    /** A line of the body, as markdown; code lines are raw and go into code blocks. */
    record Piece(String text, boolean code) {
    }

    private List<Piece> body(Report report) {
        List<Piece> out = new ArrayList<>();
        for (Report.Section section : report.sections()) {
            String heading = oneLine(section.heading());
            if (!heading.isEmpty()) {
                if (!out.isEmpty()) {
                    out.add(new Piece("", false));
                }
                out.add(new Piece("**" + escape(heading) + "**", false));
            }
            for (Report.Line line : section.lines()) {
                if (line.code()) {
                    for (String l : clean(line.text()).split("\n", -1)) {
                        out.add(new Piece(l.replace(FENCE, "`\u200B``"), true));
                    }
                    runbook(line).ifPresent(r -> out.add(new Piece(r, false)));
                } else {
                    StringBuilder b = new StringBuilder();
                    if (line.severity() != null) {
                        b.append(marker(line.severity())).append(' ');
                    }
                    b.append(escape(oneLine(line.text())));
                    runbook(line).ifPresent(r -> b.append(" · ").append(r));
                    out.add(new Piece(b.toString(), false));
                }
            }
        }
        return out;
    }

    private Optional<String> runbook(Report.Line line) {
        String anchor = oneLine(line.runbook());
        if (anchor.isEmpty()) {
            return Optional.empty();
        }
        if (site.isPresent() && anchor.matches("[A-Za-z0-9._/#-]+")) {
            String base = site.get().toString();
            return Optional.of("[runbook](" + (base.endsWith("/") ? base : base + "/") + anchor + ")");
        }
        return Optional.of("runbook: `" + anchor.replace("`", "'") + "`");
    }

    /**
     * Joins pieces into texts of at most {@code limit} characters, breaking only between lines (a line
     * longer than a whole text is cut, never dropped), closing a code block at the end of a text and
     * reopening it at the start of the next.
     */
    static List<String> chunks(List<Piece> pieces, int limit) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inCode = false;
        int room = limit - 2 * (FENCE.length() + 1);
        for (Piece p : pieces) {
            String text = p.text();
            List<String> slices = new ArrayList<>();
            do {
                int end = Math.min(text.length(), room);
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
                slices.add(text.substring(0, end));
                text = text.substring(end);
            } while (!text.isEmpty());
            for (String slice : slices) {
                String add = switched(inCode, p.code()) + slice + "\n";
                int closing = p.code() ? FENCE.length() : 0;
                if (cur.length() > 0 && cur.length() + add.length() + closing > limit) {
                    out.add(finish(cur, inCode));
                    cur.setLength(0);
                    inCode = false;
                    add = switched(false, p.code()) + slice + "\n";
                }
                cur.append(add);
                inCode = p.code();
            }
        }
        if (cur.length() > 0) {
            String last = finish(cur, inCode);
            if (!last.isBlank()) {
                out.add(last);
            }
        }
        return out;
    }

    private static String switched(boolean inCode, boolean code) {
        if (code == inCode) {
            return "";
        }
        return FENCE + "\n";
    }

    private static String finish(StringBuilder cur, boolean inCode) {
        String text = cur.toString();
        if (inCode) {
            return text + FENCE;
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Backslash before every character Discord would read as markdown; mentions broken with a zero-width space. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\*_~`|>#[]()<".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
            if (c == '@') {
                b.append('\u200B');
            }
        }
        return b.toString();
    }

    public static String marker(Severity s) {
        return switch (s) {
            case OK -> "\uD83D\uDFE2";
            case WARN -> "\uD83D\uDFE1";
            case CRIT -> "\uD83D\uDD34";
            case UNKNOWN -> "\u26AA";
            case UNREACHABLE -> "\uD83D\uDFE3";
        };
    }

    /** Green, amber, red, grey, purple. */
    public static int colour(Severity s) {
        return switch (s) {
            case OK -> 0x2ECC71;
            case WARN -> 0xFFB000;
            case CRIT -> 0xE74C3C;
            case UNKNOWN -> 0x95A5A6;
            case UNREACHABLE -> 0x9B59B6;
        };
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        return CONTROLS.matcher(s.replace("\r\n", "\n").replace('\r', '\n').replace("\t", "    ")).replaceAll("");
    }

    private static String oneLine(String s) {
        return clean(s).replace('\n', ' ').strip();
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
