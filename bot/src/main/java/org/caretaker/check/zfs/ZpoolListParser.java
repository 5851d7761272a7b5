package org.caretaker.check.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
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
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:[.,]\\d+)?)%?");

    private ZpoolListParser() {
    }

    /** {@code zpool list -H} prints nothing when there are no pools, so blank text is no pools. */
    public static List<PoolUsage> parse(String text) throws UnparseableOutputException {
        return parse(text, line -> { });
    }

    /**
     * Like {@link #parse(String)}, handing lines of no known shape to {@code skip}. Vdev rows are read loosely:
     * older OpenZFS and FreeBSD print them without the DEDUP and HEALTH cells (and without CKPOINT in the
     * header), so a vdev row without a state has health {@code -} and a vdev row without a percentage where CAP
     * would be has no capacity.
     */
    public static List<PoolUsage> parse(String text, Consumer<String> skipped) throws UnparseableOutputException {
        if (text == null) {
            throw new UnparseableOutputException("zpool list printed nothing", "");
        }
        List<String> left = new ArrayList<>();
        Consumer<String> skip = left::add;
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
            if (indented) {
                if (pool == null) {
                    skip.accept(line);
                } else {
                    // Older OpenZFS and FreeBSD leave DEDUP and HEALTH off vdev rows; the pool row still has them.
                    vdevs.add(vdev(cells, group, capColumn >= 0 ? capColumn : -1, capColumn >= 0 ? healthColumn : -1));
                }
                continue;
            }
            if (cap < 1 || hl >= cells.size() || !STATE.matcher(cells.get(hl)).matches() || !percentLike(cells.get(cap))) {
                skip.accept(line);
                continue;
            }
            if (pool != null) {
                pools.add(new PoolUsage(pool, health, capacity, vdevs));
            }
            pool = cells.get(0);
            health = cells.get(hl);
            capacity = percent(cells.get(cap), line);
            vdevs = new ArrayList<>();
            group = Vdev.DATA;
        }
        if (pool != null) {
            pools.add(new PoolUsage(pool, health, capacity, vdevs));
        }
        if (pools.isEmpty() && !left.isEmpty()) {
            throw new UnparseableOutputException("no zpool list row (NAME SIZE ALLOC FREE ... CAP DEDUP HEALTH)", text);
        }
        left.forEach(skipped);
        return List.copyOf(pools);
    }

    /** A vdev row by the header's columns when it has them, else by what its last cells look like. */
    private static PoolUsage.VdevUsage vdev(List<String> cells, String group, int capColumn, int healthColumn)
            throws UnparseableOutputException {
        int last = cells.size() - 1;
        String health = "-";
        int hl = healthColumn >= 0 ? healthColumn : last;
        if (hl > 0 && hl < cells.size() && STATE.matcher(cells.get(hl)).matches()) {
            health = cells.get(hl);
        }
        int cap = capColumn >= 0 ? capColumn : health.equals("-") ? last : last - 2;
        OptionalDouble pct = cap > 0 && cap < cells.size() && percentLike(cells.get(cap))
                ? percent(cells.get(cap), String.join(" ", cells)) : OptionalDouble.empty();
        return new PoolUsage.VdevUsage(cells.get(0), group, health, pct);
    }

    private static boolean percentLike(String cell) {
        return cell.equals("-") || PERCENT.matcher(cell).matches();
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
        return OptionalDouble.of(Double.parseDouble(m.group(1).replace(',', '.')));
    }
}
