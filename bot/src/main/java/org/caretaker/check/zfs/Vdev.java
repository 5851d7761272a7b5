package org.caretaker.check.zfs;

/**
 * One row of the {@code config:} table of {@code zpool status}: the pool itself (depth 0), a top-level
 * vdev such as {@code mirror-0} (depth 1) or a device under it.
 *
 * @param name  as printed: a device ({@code ata-WDC_...}, {@code loop0}), a vdev ({@code raidz2-0}) or a GUID
 *              when the device is missing
 * @param depth 0 for the pool row; 1 for top-level vdevs and for the members of a class such as {@code logs};
 *              2 and more for the devices below them
 * @param group {@code data}, or the class heading the row is under: {@code logs}, {@code cache}, {@code spares},
 *              {@code special}, {@code dedup}
 * @param state ONLINE, DEGRADED, FAULTED, OFFLINE, UNAVAIL, REMOVED; AVAIL or INUSE for spares
 * @param note  what zpool wrote after the counters: {@code was /dev/sdb1}, {@code corrupted data},
 *              {@code cannot open}, {@code 57.7M repaired}, {@code (resilvering)}; empty when nothing
 */
public record Vdev(
        String name,
        int depth,
        String group,
        String state,
        ErrorCounter read,
        ErrorCounter write,
        ErrorCounter cksum,
        String note) {

    public static final String DATA = "data";

    public boolean hasErrors() {
        return read.isNonZero() || write.isNonZero() || cksum.isNonZero();
    }

    /** Healthy for its role: ONLINE, or a hot spare that is available or in use. */
    public boolean isUp() {
        return state.equals("ONLINE") || state.equals("AVAIL") || state.equals("INUSE");
    }
}
