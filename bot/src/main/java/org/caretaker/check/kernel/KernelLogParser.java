package org.caretaker.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Reads kernel log text in the shapes hosts produce: {@code dmesg} ({@code [   12.345678] msg}),
 * {@code dmesg -T}, syslog files such as kern.log ({@code Nov 12 03:25:34 host kernel: msg}), RFC 3339/5424
 * lines from rsyslog ({@code <3>1 2024-...Z host kernel - - - msg}), {@code journalctl -k} in its short forms
 * ({@code -o short-iso}, {@code short-precise}, {@code short-full}, {@code short-unix}, {@code short-monotonic}),
 * {@code dmesg -x} and {@code dmesg --time-format=iso}.
 * Lines of other programs in a syslog file are left out. Empty text is an empty log; text in which no line has
 * any of these shapes is not a kernel log. Pure: text in, messages out.
 */
public final class KernelLogParser {
    // dmesg -x puts facility and level first: "kern  :err   : [   12.345678] msg".
    private static final String DECODED = "(?:[a-z]+\\s*:[a-z]+\\s*: )?";
    private static final Pattern DMESG = Pattern.compile(DECODED + "(?:<\\d{1,3}>)?\\[\\s*\\d+[.,]\\d+\\] ?(.*)");
    private static final Pattern DMESG_T = Pattern.compile(
            DECODED + "\\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}\\] ?(.*)");
    /** dmesg --time-format=iso: no host, no program. */
    private static final Pattern DMESG_ISO = Pattern.compile(
            DECODED + "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2},\\d+[+-]\\d{2}:?\\d{2} (.*)");
    /**
     * BSD syslog and journalctl's short forms: {@code Feb 14 01:11:04 host kernel: msg}, with fractions
     * ({@code -o short-precise}), a weekday and year ({@code -o short-full}), epoch seconds ({@code -o short-unix})
     * or a year before the month (some NAS firmwares); the program may be bracketed ({@code host [kernel] [19262.38]
     * msg}, as busybox and some NAS syslogs write it) and may lack the colon.
     */
    private static final Pattern SYSLOG = Pattern.compile(
            "(?:<\\d{1,3}>)?(?:(?:[A-Z][a-z]{2} )?\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?: [A-Z]{2,5})?"
                    + "|(?:\\d{4} )?[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?: \\d{4})?"
                    + "|\\d{9,10}\\.\\d+) +(?:\\S+ +)??(?:(?:EMERG|ALERT|CRIT|ERR|WARNING|WARN|NOTICE|INFO|DEBUG) +)?"
                    + "(?:\\[([^\\s\\]]+)\\]|([^\\s:\\[]+)(?:\\[\\d+\\])?:)(?: ?(.*))?");
    /** dmesg -H and --reltime: the first line of a minute carries {@code [Feb22 04:01]}, the rest {@code [  +0.000001]}. */
    private static final Pattern DMESG_RELATIVE = Pattern.compile(
            DECODED + "\\[(?:[A-Z][a-z]{2}\\d{1,2} \\d{2}:\\d{2}|\\s*\\+\\d+[.,]\\d+)\\] ?(.*)");
    /** What syslogd writes to terminals for urgent kernel messages: {@code  kernel:[405108.698255] msg}. */
    private static final Pattern WALL = Pattern.compile("\\s*kernel: ?(?:\\[\\s*\\d+\\.\\d+\\] ?)?(.*)");
    /** journalctl -o short-monotonic: the seconds since boot, then host and program. */
    private static final Pattern MONOTONIC = Pattern.compile("[^\\s:]+ (kernel): ?(.*)");
    private static final Pattern ISO = Pattern.compile(
            "(?:<\\d{1,3}>)?(?:1 )?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})? \\S+ "
                    + "([^\\s:\\[]+)(?:\\[\\d+\\])?(?:: ?| \\S+ \\S+ (?:-|(?:\\[[^\\]]*\\])+) ?)(.*)");
    private static final Pattern JOURNAL_NOTE = Pattern.compile(
            "-- (?:No entries|Logs begin at|Journal begins at|Boot [0-9a-f]+|Reboot).*");
    private static final Pattern INNER_TIMESTAMP = Pattern.compile("\\[\\s*\\d+\\.\\d+\\] ?(.*)");

    private KernelLogParser() {
    }

    public static KernelLog parse(String text) throws UnparseableOutputException {
        return parse(text, message -> false);
    }

    /**
     * Like {@link #parse(String)}, but text without any timestamped line is still read as bare kernel messages
     * when one of them is {@code known}: people paste the message alone ("CIFS VFS: Server ... has not
     * responded"), and what it says can be judged without the time.
     */
    public static KernelLog parse(String text, Predicate<String> known) throws UnparseableOutputException {
        List<String> messages = new ArrayList<>();
        int recognised = 0;
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m;
            if ((m = DMESG.matcher(line)).matches() || (m = DMESG_T.matcher(line)).matches()
                    || (m = DMESG_ISO.matcher(line)).matches() || (m = DMESG_RELATIVE.matcher(line)).matches()
                    || (m = WALL.matcher(line)).matches()) {
                recognised++;
                Matcher journal = MONOTONIC.matcher(m.group(1));
                messages.add(journal.matches() && journal.group(1).equals("kernel") ? journal.group(2) : m.group(1));
            } else if ((m = SYSLOG.matcher(line)).matches()) {
                recognised++;
                String program = m.group(1) != null ? m.group(1) : m.group(2);
                if (program.equals("kernel")) {
                    messages.add(withoutUptime(m.group(3) == null ? "" : m.group(3)));
                }
            } else if ((m = ISO.matcher(line)).matches()) {
                recognised++;
                if (m.group(1).equals("kernel")) {
                    messages.add(withoutUptime(m.group(2)));
                }
            } else if (JOURNAL_NOTE.matcher(line.strip()).matches()) {
                recognised++;
            } else {
                // A continuation of the message above (dmesg indents them) or a line without a timestamp.
                messages.add(line.strip());
            }
        }
        if (recognised == 0 && !messages.isEmpty() && messages.stream().noneMatch(known)) {
            throw new UnparseableOutputException("not a kernel log (no dmesg, syslog or journalctl lines)", text);
        }
        return new KernelLog(messages);
    }

    private static String withoutUptime(String message) {
        Matcher inner = INNER_TIMESTAMP.matcher(message);
        return inner.matches() ? inner.group(1) : message;
    }
}
