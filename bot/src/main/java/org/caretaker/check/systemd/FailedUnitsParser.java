package org.caretaker.check.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code systemctl --failed} in both shapes: {@code --plain --no-legend} (one unit per line) and the
 * default table, whose unit lines start with a bullet ({@code ●}, or {@code *} outside a UTF-8 locale) and
 * which has a header and a legend ({@code LOAD   = ...}, {@code 1 loaded units listed.}). Empty text is the
 * {@code --no-legend} way of saying that nothing failed. Pure: text in, units out.
 */
public final class FailedUnitsParser {
    private static final Pattern UNIT_LINE = Pattern.compile(
            "(?:[●*]\\s*)?(\\S+\\.(?:service|socket|target|device|mount|automount|swap|timer|path|slice|scope))"
                    + "\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s+(.*))?");
    private static final Pattern HEADER = Pattern.compile("UNIT\\s+LOAD\\s+ACTIVE\\s+SUB\\s+DESCRIPTION.*");
    private static final Pattern LEGEND = Pattern.compile(
            "(?:LOAD|ACTIVE|SUB|JOB)\\s+= .*|\\d+ loaded units? listed\\..*|Pass --all to see .*|To show all installed unit files .*");

    private FailedUnitsParser() {
    }

    public static List<FailedUnit> parse(String text) throws UnparseableOutputException {
        requireSystemd(text);
        List<FailedUnit> units = new ArrayList<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || HEADER.matcher(line).matches() || LEGEND.matcher(line).matches()) {
                continue;
            }
            Matcher m = UNIT_LINE.matcher(line);
            if (!m.matches()) {
                throw new UnparseableOutputException("unexpected line in systemctl --failed output", raw);
            }
            String description = m.group(5) == null ? "" : m.group(5).strip();
            units.add(new FailedUnit(m.group(1), m.group(2), m.group(3), m.group(4), description));
        }
        return List.copyOf(units);
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
