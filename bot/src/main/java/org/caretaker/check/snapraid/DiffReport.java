package org.caretaker.check.snapraid;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code snapraid diff} said: the counts of its summary and the changed files it listed. Without
 * filesystem UUIDs SnapRAID cannot follow moves, so a move shows as a removal plus an addition (see
 * {@link ArrayProblems#noUuid()}).
 *
 * @param counts    the summary: {@code equal, added, removed, updated, moved, copied, restored} → count, in
 *                  that order; empty when the diff stopped before its summary
 * @param changes   the listed changes in printed order; not every published output lists them
 * @param different "There are differences!" (true), "No differences" (false), absent when not printed
 * @param problems  lock, missing disks, content files, UUIDs
 */
public record DiffReport(Map<String, Long> counts, List<Change> changes, Optional<Boolean> different, ArrayProblems problems) {

    /** The summary's words, in SnapRAID's order. */
    public static final List<String> KINDS = List.of("equal", "added", "removed", "updated", "moved", "copied", "restored");

    public DiffReport {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        changes = List.copyOf(changes);
    }

    public long count(String kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /**
     * One changed file: {@code add photos/x.jpg}, {@code move a -> b}. Paths are relative to their data disk,
     * with SnapRAID's backslash escapes removed; {@code disk} is known only from the {@code -l} log tags.
     *
     * @param kind one of add, remove, update, move, copy, restore
     * @param path the file, or for move and copy the new name
     * @param from for move and copy the old name, else empty
     * @param disk the data disk, or empty
     */
    public record Change(String kind, String path, String from, String disk) {
    }
}
