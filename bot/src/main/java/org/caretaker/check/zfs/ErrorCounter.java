package org.caretaker.check.zfs;

/**
 * One READ, WRITE or CKSUM cell of {@code zpool status}. Without {@code -p} zpool abbreviates large counts
 * ({@code 2.45K}, base 1024), so the value is then approximate; messages quote what zpool printed.
 *
 * @param value   the count, approximate when abbreviated; -1 when the row has no such column (spares)
 * @param printed the cell as zpool printed it, empty when absent
 */
public record ErrorCounter(long value, String printed) {
    public static final ErrorCounter ABSENT = new ErrorCounter(-1, "");

    public boolean isNonZero() {
        return value > 0;
    }
}
