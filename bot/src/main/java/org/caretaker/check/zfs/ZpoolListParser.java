package org.caretaker.check.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code zpool list} with the default columns: with or without header ({@code -H}), exact or
 * abbreviated numbers ({@code -p}), with or without the vdev rows ({@code -v}). Pool rows start at the left
 * margin; vdev rows are indented (or start with a tab under {@code -H}); class headings ({@code logs},
 * {@code special}, {@code cache}…) start at the margin and have only dashes. Without a header the columns
 * are counted from the end, where every zpool version has CAP, DEDUP, HEALTH and (on pool rows) ALTROOT.
 */
public final class ZpoolListParser {
    private static final Set<String> CLASSES = Set.of("logs", "special", "dedup", "cache", "spare", "spares");
    private static final Pattern STATE = Pattern.compile("[A-Z]+");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%?");

    private ZpoolListParser() {
    }

    /** {@code zpool list -H} prints nothing when there are no pools, so blank text is no pools. */
    public static List<PoolUsage> parse(String text) throws UnparseableOutputException {
        if (text == null) {
            throw new UnparseableOutputException("zpool list printed nothing", "");
        }
        int capColumn = -1;
        int healthColumn = -1;
        List<PoolUsage> pools = new ArrayList<>();
        String pool = null;
        String health = "";
        OptionalDouble capacity = OptionalDouble.empty();
        List<PoolUsage.VdevUsage> vdevs = new ArrayList<>();
        String group = Vdev.DATA;
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.strip().equals("no pools available")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.get(0).equals("NAME") && cells.contains("HEALTH")) {
                if (!cells.contains("CAP")) {
                    throw new UnparseableOutputException("zpool list output has no CAP column", line);
                }
                capColumn = cells.indexOf("CAP");
                healthColumn = cells.indexOf("HEALTH");
                continue;
            }
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (!indented && CLASSES.contains(cells.get(0))
                    && cells.subList(1, cells.size()).stream().allMatch(c -> c.equals("-"))) {
                group = cells.get(0);
                continue;
            }
            int cap;
            int hl;
            if (capColumn >= 0) {
                cap = capColumn;
                hl = healthColumn;
            } else {
                // From the end: pool rows end with CAP DEDUP HEALTH ALTROOT, vdev rows with CAP DEDUP HEALTH.
                int last = cells.size() - (indented ? 1 : 2);
                hl = last;
                cap = last - 2;
            }
            if (cap < 1 || hl >= cells.size() || !STATE.matcher(cells.get(hl)).matches() && !(indented && cells.get(hl).equals("-"))) {
                throw new UnparseableOutputException("unexpected zpool list line", line);
            }
            OptionalDouble pct = percent(cells.get(cap), line);
            if (!indented) {
                if (pool != null) {
                    pools.add(new PoolUsage(pool, health, capacity, vdevs));
                }
                pool = cells.get(0);
                health = cells.get(hl);
                capacity = pct;
                vdevs = new ArrayList<>();
                group = Vdev.DATA;
            } else {
                if (pool == null) {
                    throw new UnparseableOutputException("zpool list vdev row before any pool row", line);
                }
                vdevs.add(new PoolUsage.VdevUsage(cells.get(0), group, cells.get(hl), pct));
            }
        }
        if (pool != null) {
            pools.add(new PoolUsage(pool, health, capacity, vdevs));
        }
        return List.copyOf(pools);
    }

    private static List<String> cells(String line) {
        return List.of(line.strip().split(line.indexOf('\t') >= 0 ? "\\t+" : "\\s+"));
    }

    private static OptionalDouble percent(String cell, String line) throws UnparseableOutputException {
        if (cell.equals("-")) {
            return OptionalDouble.empty();
        }
        Matcher m = PERCENT.matcher(cell);
        if (!m.matches()) {
            throw new UnparseableOutputException("CAP column is not a percentage in zpool list line", line);
        }
        return OptionalDouble.of(Double.parseDouble(m.group(1)));
    }
}
