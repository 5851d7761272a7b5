package org.caretaker.maintenance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.check.snapraid.DiffReport;
import org.caretaker.config.WeeklyPolicy;

/**
 * Holds a SnapRAID diff against the {@link WeeklyPolicy}: counts what changed outside the ignored paths, says
 * which limits it crossed and where the changes are (grouped by disk and folder, most first), and fingerprints
 * the exact change list an approval will be bound to. Pure.
 */
public final class DiffGuard {
    static final int TOP_GROUPS = 5;

    private DiffGuard() {
    }

    /**
     * What the guard thinks of one diff.
     *
     * @param added       counted additions
     * @param removed     counted removals
     * @param updated     counted updates
     * @param moved       counted moves
     * @param trips       the limits crossed, one sentence each; empty when the sync may go ahead
     * @param topGroups   "d1 photos/2019: 10 removed", most changes first, at most {@value #TOP_GROUPS}
     * @param fingerprint SHA-256 (hex) of the sorted change list
     * @param empty       nothing at all changed
     */
    public record Assessment(long added, long removed, long updated, long moved, List<String> trips,
                             List<String> topGroups, String fingerprint, boolean empty) {
        public Assessment {
            trips = List.copyOf(trips);
            topGroups = List.copyOf(topGroups);
        }

        public boolean tripped() {
            return !trips.isEmpty();
        }

        /** "20 added, 30 removed, 5 updated, 3 moved". */
        public String counts() {
            return added + " added, " + removed + " removed, " + updated + " updated, " + moved + " moved";
        }
    }

    public static Assessment assess(DiffReport diff, WeeklyPolicy policy) {
        long added = 0;
        long removed = 0;
        long updated = 0;
        long moved = 0;
        Map<String, Map<String, Long>> groups = new LinkedHashMap<>();
        if (!diff.changes().isEmpty()) {
            for (DiffReport.Change c : diff.changes()) {
                if (policy.ignored(c.path()) || !c.from().isEmpty() && policy.ignored(c.from())) {
                    continue;
                }
                String word;
                switch (c.kind()) {
                    case "add" -> { added++; word = "added"; }
                    case "remove" -> { removed++; word = "removed"; }
                    case "update" -> { updated++; word = "updated"; }
                    case "move" -> { moved++; word = "moved"; }
                    default -> word = c.kind();
                }
                String key = (c.disk().isEmpty() ? "" : c.disk() + " ") + folder(c.from().isEmpty() ? c.path() : c.from());
                groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(word, 1L, Long::sum);
            }
        } else {
            added = diff.count("added");
            removed = diff.count("removed");
            updated = diff.count("updated");
            moved = diff.count("moved");
        }
        List<String> trips = new ArrayList<>();
        limit(trips, "removed", removed, policy.maxDeleted());
        limit(trips, "updated", updated, policy.maxUpdated());
        limit(trips, "moved", moved, policy.maxMoved());
        if (policy.maxDeleteRatio() > 0 && removed > 0 && removed > policy.maxDeleteRatio() * Math.max(1, added)) {
            trips.add(removed + " removed against " + added + " added (limit " + policy.maxDeleteRatio() + " removed per added)");
        }
        List<Map.Entry<String, Map<String, Long>>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> -total(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<String> top = new ArrayList<>();
        for (var e : sorted.subList(0, Math.min(TOP_GROUPS, sorted.size()))) {
            List<String> parts = new ArrayList<>();
            e.getValue().forEach((w, n) -> parts.add(n + " " + w));
            top.add(e.getKey() + ": " + String.join(", ", parts));
        }
        boolean empty = diff.changes().isEmpty() && diff.counts().entrySet().stream()
                .filter(e -> !e.getKey().equals("equal")).allMatch(e -> e.getValue() == 0);
        return new Assessment(added, removed, updated, moved, trips, top, fingerprint(diff), empty);
    }

    private static void limit(List<String> trips, String word, long n, long max) {
        if (max > 0 && n >= max) {
            trips.add(n + " " + word + " (limit " + max + ")");
        }
    }

    private static long total(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    /**
     * SHA-256 of the change list, sorted because SnapRAID prints it in a different order on every run; the
     * summary counts stand in when no change was listed.
     */
    public static String fingerprint(DiffReport diff) {
        List<String> lines = new ArrayList<>();
        for (DiffReport.Change c : diff.changes()) {
            lines.add(c.kind() + "\t" + c.disk() + "\t" + c.from() + "\t" + c.path());
        }
        if (lines.isEmpty()) {
            diff.counts().forEach((k, v) -> lines.add(k + "\t" + v));
        }
        lines.sort(null);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                md.update(l.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
