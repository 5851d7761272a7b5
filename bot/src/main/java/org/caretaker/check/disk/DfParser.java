package org.caretaker.check.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses the POSIX output of {@code df -P} and {@code df -Pi}, with or without {@code -T}. The mount point
 * is everything after the percentage column, so mount points with spaces survive. Pure: text in, rows out.
 */
public final class DfParser {
    private static final Pattern WITH_TYPE = Pattern.compile(
            "^(\\S+)\\s+(\\S+)\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+%|-)\\s+(/.*)$");
    private static final Pattern WITHOUT_TYPE = Pattern.compile(
            "^(\\S+)\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+%|-)\\s+(/.*)$");

    private DfParser() {
    }

    public static List<DfRow> parse(String text) throws UnparseableOutputException {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Filesystem")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new UnparseableOutputException("no df header line (Filesystem ...)", text);
        }
        boolean typed = lines.get(header).matches("^Filesystem\\s+Type\\s.*");
        Pattern p = typed ? WITH_TYPE : WITHOUT_TYPE;
        List<DfRow> rows = new ArrayList<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            Matcher m = p.matcher(line.strip());
            if (!m.matches()) {
                // df also prints "df: /mnt/x: Transport endpoint is not connected" on stderr; when streams are
                // merged such lines appear here. They are not rows; the mounts check reports them.
                if (line.startsWith("df:")) {
                    continue;
                }
                throw new UnparseableOutputException("unexpected df line", line);
            }
            int g = typed ? 1 : 0;
            rows.add(UnparseableOutputException.numbersInRange("df line", line, () -> new DfRow(
                    m.group(1),
                    typed ? m.group(2) : "",
                    number(m.group(2 + g)),
                    number(m.group(3 + g)),
                    number(m.group(4 + g)),
                    percent(m.group(5 + g)),
                    m.group(6 + g))));
        }
        if (rows.isEmpty()) {
            throw new UnparseableOutputException("df listed no filesystems", text);
        }
        return List.copyOf(rows);
    }

    private static long number(String s) {
        return s.equals("-") ? -1 : Long.parseLong(s);
    }

    private static int percent(String s) {
        return s.equals("-") ? -1 : Integer.parseInt(s.substring(0, s.length() - 1));
    }
}
