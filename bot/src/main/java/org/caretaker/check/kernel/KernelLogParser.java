package org.caretaker.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Reads kernel log text in the shapes hosts produce: {@code dmesg} ({@code [   12.345678] msg}),
 * {@code dmesg -T}, syslog files such as kern.log ({@code Nov 12 03:25:34 host kernel: msg}), RFC 3339/5424
 * lines from rsyslog ({@code <3>1 2024-...Z host kernel - - - msg}) and {@code journalctl -k -o short-iso}.
 * Lines of other programs in a syslog file are left out. Empty text is an empty log; text in which no line has
 * any of these shapes is not a kernel log. Pure: text in, messages out.
 */
public final class KernelLogParser {
    private static final Pattern DMESG = Pattern.compile("(?:<\\d{1,3}>)?\\[\\s*\\d+\\.\\d+\\] ?(.*)");
    private static final Pattern DMESG_T = Pattern.compile(
            "\\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}\\] ?(.*)");
    private static final Pattern SYSLOG = Pattern.compile(
            "(?:<\\d{1,3}>)?[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+ ([^\\s:\\[]+)(?:\\[\\d+\\])?: ?(.*)");
    private static final Pattern ISO = Pattern.compile(
            "(?:<\\d{1,3}>)?(?:1 )?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})? \\S+ "
                    + "([^\\s:\\[]+)(?:\\[\\d+\\])?(?:: ?| \\S+ \\S+ (?:-|\\[[^\\]]*\\]) ?)(.*)");
    private static final Pattern JOURNAL_NOTE = Pattern.compile(
            "-- (?:No entries|Logs begin at|Journal begins at|Boot [0-9a-f]+|Reboot).*");
    private static final Pattern INNER_TIMESTAMP = Pattern.compile("\\[\\s*\\d+\\.\\d+\\] ?(.*)");

    private KernelLogParser() {
    }

    public static KernelLog parse(String text) throws UnparseableOutputException {
        List<String> messages = new ArrayList<>();
        int recognised = 0;
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m;
            if ((m = DMESG.matcher(line)).matches() || (m = DMESG_T.matcher(line)).matches()) {
                recognised++;
                messages.add(m.group(1));
            } else if ((m = SYSLOG.matcher(line)).matches() || (m = ISO.matcher(line)).matches()) {
                recognised++;
                if (m.group(1).equals("kernel")) {
                    Matcher inner = INNER_TIMESTAMP.matcher(m.group(2));
                    messages.add(inner.matches() ? inner.group(1) : m.group(2));
                }
            } else if (JOURNAL_NOTE.matcher(line.strip()).matches()) {
                recognised++;
            } else {
                // A continuation of the message above (dmesg indents them) or a line without a timestamp.
                messages.add(line.strip());
            }
        }
        if (recognised == 0 && !messages.isEmpty()) {
            throw new UnparseableOutputException("not a kernel log (no dmesg, syslog or journalctl lines)", text);
        }
        return new KernelLog(messages);
    }
}
