package org.caretaker.check.load;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses the line of {@code /proc/loadavg} ({@code 0.82 0.38 0.14 2/216 7244}), optionally followed by a
 * line holding the number of online CPUs. Pure: text in, record out.
 */
public final class LoadAverageParser {
    private static final Pattern LOADAVG = Pattern.compile(
            "(\\d{1,7}\\.\\d{2}) (\\d{1,7}\\.\\d{2}) (\\d{1,7}\\.\\d{2}) (\\d{1,9})/(\\d{1,9}) \\d{1,10}");
    private static final Pattern CPUS = Pattern.compile("\\d{1,6}");

    private LoadAverageParser() {
    }

    public static LoadAverage parse(String text) throws UnparseableOutputException {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || lines.size() > 2) {
            throw new UnparseableOutputException("expected the line of /proc/loadavg and optionally a CPU count", text);
        }
        Matcher m = LOADAVG.matcher(lines.get(0));
        if (!m.matches()) {
            throw new UnparseableOutputException("not a /proc/loadavg line", text);
        }
        OptionalInt cpus = OptionalInt.empty();
        if (lines.size() == 2) {
            if (!CPUS.matcher(lines.get(1)).matches() || Integer.parseInt(lines.get(1)) < 1) {
                throw new UnparseableOutputException("the line after /proc/loadavg is not a CPU count", text);
            }
            cpus = OptionalInt.of(Integer.parseInt(lines.get(1)));
        }
        return new LoadAverage(
                Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                cpus);
    }
}
