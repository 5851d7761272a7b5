package org.caretaker.check.zfs;

import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code errors:} lines at the end of a pool's status.
 *
 * @param shown     zpool printed an {@code errors:} line (some outputs are cut before it)
 * @param clean     it said "No known data errors"
 * @param count     N of "N data errors, use '-v' for a list"
 * @param permanent it said "Permanent errors have been detected in the following files"
 * @param files     the files (or {@code <metadata>:<0x..>} objects) listed after it
 * @param lines     every {@code errors:} text as printed, e.g. "List of errors unavailable: permission denied"
 */
public record DataErrors(boolean shown, boolean clean, OptionalLong count, boolean permanent, List<String> files,
                         List<String> lines) {

    public static final DataErrors NOT_SHOWN = new DataErrors(false, false, OptionalLong.empty(), false, List.of(), List.of());

    public DataErrors {
        files = List.copyOf(files);
        lines = List.copyOf(lines);
    }
}
