package org.caretaker.check.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses what {@code df} prints in the shapes people run it: POSIX {@code df -P} / {@code -Pi}, with or without
 * {@code -T}, and the everyday {@code df -h} / {@code df -hi} with human units ({@code 1.8T}, {@code 1,8T} in a
 * locale with a decimal comma, {@code 466Gi} on macOS), grouped numbers ({@code 1,234,567}), the extra inode
 * columns of BSD and macOS, localised headers, and long device names that GNU df without {@code -P} wraps onto a
 * line of their own. A row is found by its shape, not by its header: a source, maybe a type, three amounts and a
 * percentage; the mount point is everything after that, so mount points with spaces survive. A line of another
 * shape is handed to {@code skip}. Pure: text in, rows out.
 */
public final class DfParser {
    private static final Pattern AMOUNT = Pattern.compile("-|\\d+(?:[.,']\\d+)*(?:[KMGTPEZY]i?B?|[kB])?");
    private static final Pattern HUMAN = Pattern.compile("(\\d+(?:[.,]\\d+)?)([KMGTPEZY]|k)i?B?");
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(?:([.,'])\\d{3})+");
    private static final Pattern PERCENT = Pattern.compile("-|\\d+(?:[.,]\\d+)?%");
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private DfParser() {
    }

    public static List<DfRow> parse(String text) throws UnparseableOutputException {
        return parse(text, line -> { });
    }

    public static List<DfRow> parse(String text, Consumer<String> skip) throws UnparseableOutputException {
        List<String> lines = joinWrapped(text.lines().filter(l -> !l.isBlank()).toList());
        List<DfRow> rows = new ArrayList<>();
        boolean first = true;
        for (String line : lines) {
            DfRow row = UnparseableOutputException.numbersInRange("df line", line, () -> row(line));
            if (row != null) {
                rows.add(row);
            } else if (!(first && header(line)) && !line.startsWith("df:")) {
                // "df: /mnt/x: Transport endpoint is not connected" comes from stderr when streams are merged;
                // the mounts check reports those, so they are no part of this output.
                skip.accept(line);
            }
            first = false;
        }
        if (rows.isEmpty()) {
            throw new UnparseableOutputException(lines.stream().anyMatch(l -> !l.startsWith("df:") && !header(l))
                    ? "no df line (a filesystem, its size, used, available, use% and mount point)" : "df listed no filesystems", text);
        }
        return List.copyOf(rows);
    }

    /**
     * The header names no filesystem (no percentage in a cell of its own) and, in every locale seen, has a
     * column title with a percent sign (Use%, IUse%, Verw%) or is the BSD one with Capacity.
     */
    private static boolean header(String line) {
        return TOKEN.matcher(line).results().noneMatch(r -> r.group().matches("\\d+%"))
                && (line.contains("%") || line.contains("Capacity") || line.contains("Mounted on"));
    }

    /** GNU df without -P puts a long source on a line by itself and the numbers, indented, on the next. */
    private static List<String> joinWrapped(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i + 1 < lines.size() && !line.strip().contains(" ") && !Character.isWhitespace(line.charAt(0))
                    && Character.isWhitespace(lines.get(i + 1).charAt(0))) {
                out.add(line.strip() + " " + lines.get(i + 1).strip());
                i++;
            } else {
                out.add(line);
            }
        }
        return out;
    }

    private static DfRow row(String line) {
        String stripped = line.strip();
        List<MatchedToken> tokens = TOKEN.matcher(stripped).results().map(r -> new MatchedToken(r.group(), r.end())).toList();
        for (int p = 4; p < tokens.size() - 1; p++) {
            if (!PERCENT.matcher(tokens.get(p).text).matches()) {
                continue;
            }
            int firstAmount = p - 3;
            if (firstAmount > 2 || !allAmounts(tokens, firstAmount, p)) {
                continue;
            }
            int end = p;
            // BSD and macOS print iused, ifree and %iused between capacity and the mount point.
            if (end + 3 < tokens.size() && allAmounts(tokens, end + 1, end + 3)
                    && PERCENT.matcher(tokens.get(end + 3).text).matches()) {
                end += 3;
            }
            String mount = stripped.substring(tokens.get(end).end).strip();
            if (!mount.startsWith("/")) {
                return null;
            }
            return new DfRow(tokens.get(0).text, firstAmount == 2 ? tokens.get(1).text : "",
                    amount(tokens.get(firstAmount).text), amount(tokens.get(firstAmount + 1).text),
                    amount(tokens.get(firstAmount + 2).text), percent(tokens.get(p).text), mount);
        }
        return null;
    }

    private static boolean allAmounts(List<MatchedToken> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!AMOUNT.matcher(tokens.get(i).text).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Blocks of 1024 bytes (or inodes); human units are turned back into that, grouping marks dropped. */
    static long amount(String s) {
        if (s.equals("-")) {
            return -1;
        }
        Matcher h = HUMAN.matcher(s);
        if (h.matches()) {
            double value = Double.parseDouble(h.group(1).replace(',', '.'));
            int power = "kKMGTPEZY".indexOf(h.group(2));
            return (long) (value * Math.pow(1024, Math.max(0, power - 1)));
        }
        String digits = s.endsWith("B") || s.endsWith("k") ? s.substring(0, s.length() - 1) : s;
        if (GROUPED.matcher(digits).matches()) {
            digits = digits.replaceAll("[.,']", "");
        }
        if (digits.matches("\\d+[.,]\\d+")) {
            return Math.round(Double.parseDouble(digits.replace(',', '.')));
        }
        return Long.parseLong(digits);
    }

    private static int percent(String s) {
        if (s.equals("-")) {
            return -1;
        }
        return (int) Math.ceil(Double.parseDouble(s.substring(0, s.length() - 1).replace(',', '.')));
    }

    private record MatchedToken(String text, int end) {
    }
}
