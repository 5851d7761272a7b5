package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/** {@code snapraid smart} text → {@link SmartTable}. Pure. */
public final class SmartTableParser {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)$");
    private static final Pattern ANY = Pattern.compile(
            "Probability that at least one disk is going to fail in the next year is (\\d{1,3})%");

    private SmartTableParser() {
    }

    public static SmartTable parse(String text) throws UnparseableOutputException {
        SnapraidOutput out = SnapraidOutput.of(text);
        if (out.blank()) {
            throw new UnparseableOutputException("snapraid smart printed nothing", text);
        }
        ArrayProblems problems = ArrayProblems.scan(out.lines());
        boolean report = false;
        boolean inTable = false;
        boolean unsupported = false;
        OptionalInt any = OptionalInt.empty();
        List<SmartTable.Row> rows = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (String raw : out.lines()) {
            String line = raw.strip();
            Matcher m;
            if (line.equals("SnapRAID SMART report:")) {
                report = true;
            } else if (report && !inTable && rows.isEmpty() && line.startsWith("-----")) {
                inTable = true;
            } else if (inTable) {
                if (line.isEmpty()) {
                    inTable = false;
                } else if ((m = ROW.matcher(raw)).matches()) {
                    rows.add(new SmartTable.Row(m.group(8), m.group(7), m.group(6), integer(m.group(1)), number(m.group(2)),
                            number(m.group(3)), percent(m.group(4)), decimal(m.group(5))));
                } else {
                    throw new UnparseableOutputException("a row of the SnapRAID SMART table has not 8 columns", raw);
                }
            } else if ((m = ANY.matcher(line)).find()) {
                any = OptionalInt.of(Integer.parseInt(m.group(1)));
            } else if (line.startsWith("Smart is unsupported")) {
                unsupported = true;
                messages.add(line);
            } else if (line.startsWith("Failed to ")) {
                messages.add(line);
            }
        }
        if (!report && !unsupported && !problems.lockHeld() && problems.contentFailures().isEmpty()) {
            throw new UnparseableOutputException("no SnapRAID SMART report in the output", text);
        }
        return new SmartTable(rows, any, unsupported, messages, problems);
    }

    private static OptionalInt integer(String s) {
        return s.matches("-?\\d{1,6}") ? OptionalInt.of(Integer.parseInt(s)) : OptionalInt.empty();
    }

    private static OptionalLong number(String s) {
        return s.matches("\\d{1,15}") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
    }

    private static OptionalInt percent(String s) {
        return s.matches("\\d{1,3}%") ? OptionalInt.of(Integer.parseInt(s.substring(0, s.length() - 1))) : OptionalInt.empty();
    }

    private static OptionalDouble decimal(String s) {
        return s.matches("\\d{1,9}(\\.\\d{1,6})?") ? OptionalDouble.of(Double.parseDouble(s)) : OptionalDouble.empty();
    }
}
