package org.caretaker.check.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code systemctl --failed} in both shapes: {@code --plain --no-legend} (one unit per line) and the
 * default table, whose unit lines start with a bullet ({@code ●}, or {@code *} outside a UTF-8 locale) and
 * which has a header and a legend ({@code LOAD   = ...} or {@code Legend: LOAD → ...}, {@code 1 loaded units
 * listed.}). Pasted copies add more: the bullet written as {@code \u25cf}, lines a pager cut short (the unit
 * stays, later columns go) and the pager's own {@code (END)}. Empty text is the
 * {@code --no-legend} way of saying that nothing failed. Pure: text in, units out.
 */
public final class FailedUnitsParser {
    // Pager-truncated lines keep the unit and lose columns from the right, so all but the unit are optional.
    private static final Pattern UNIT_LINE = Pattern.compile(
            "(?:(?:[●×*]|\\\\u25[cC][fF])\\s*)?(\\S+\\.(?:service|socket|target|device|mount|automount|swap|timer|path|slice|scope))"
                    + "(?:\\s+(\\S+))?(?:\\s+(\\S+))?(?:\\s+(\\S+))?(?:\\s+(.*))?");
    private static final Pattern HEADER = Pattern.compile("UNIT\\s+LOAD\\s+ACTIVE\\s+SUB(?:\\s+DESCRIPTION.*)?|UNIT\\s+LOAD.*");
    private static final Pattern LEGEND = Pattern.compile(
            "(?:Legend:\\s*)?(?:LOAD|ACTIVE|SUB|JOB)\\s+(?:=|→|->) .*|\\d+ loaded units? listed\\..*|Pass --all to see .*"
                    + "|To show all installed unit files .*|Consider checking .*|lines \\d+-\\d+.*|\\(END\\)|~");

    private FailedUnitsParser() {
    }

    public static List<FailedUnit> parse(String text) throws UnparseableOutputException {
        return parse(text, line -> { });
    }

    /**
     * Like {@link #parse(String)}, handing lines of no known shape to {@code skip}. Text in which no line was
     * understood is refused: it does not say that nothing failed.
     */
    public static List<FailedUnit> parse(String text, Consumer<String> skip) throws UnparseableOutputException {
        requireSystemd(text);
        List<FailedUnit> units = new ArrayList<>();
        List<String> left = new ArrayList<>();
        boolean understood = false;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (HEADER.matcher(line).matches() || LEGEND.matcher(line).matches()) {
                understood = true;
                continue;
            }
            Matcher m = UNIT_LINE.matcher(line);
            if (!m.matches()) {
                left.add(raw);
                continue;
            }
            understood = true;
            String description = m.group(5) == null ? "" : m.group(5).strip();
            units.add(new FailedUnit(m.group(1), or(m.group(2), "loaded"), or(m.group(3), "failed"), or(m.group(4), "failed"),
                    description));
        }
        if (!understood && !left.isEmpty()) {
            throw new UnparseableOutputException("not the output of systemctl --failed", text);
        }
        left.forEach(skip);
        return List.copyOf(units);
    }

    private static String or(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /**
     * Throws when systemctl says there is no systemd to ask: a host (or container) whose PID 1 is another init,
     * or a systemd that does not answer on its bus. Such a host has no unit states, which is not "no failures".
     */
    public static void requireSystemd(String text) throws UnparseableOutputException {
        if (text.contains("System has not been booted with systemd")) {
            throw new UnparseableOutputException("this host does not run systemd (PID 1 is another init), so it has no unit states;"
                    + " turn the check off here with checks: {skip: [failed-units]} on the host", text);
        }
        if (text.contains("Failed to connect to bus") || text.contains("Failed to list units")) {
            throw new UnparseableOutputException("systemctl could not ask systemd for the failed units", text);
        }
    }
}
