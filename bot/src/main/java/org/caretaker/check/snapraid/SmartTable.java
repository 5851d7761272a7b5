package org.caretaker.check.snapraid;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code snapraid smart} said: SnapRAID's own SMART summary of every disk of the array, with its
 * estimate of the chance that a disk fails within a year. The estimate comes from SnapRAID's statistics of
 * the error counters, not from the drive; it is kept as a number, not judged.
 *
 * @param disks           one row per disk
 * @param anyFailPercent  "Probability that at least one disk is going to fail in the next year is N%"
 * @param unsupported     "Smart is unsupported in this platform" (virtual disks, no smartctl)
 * @param messages        what SnapRAID said instead of a table, e.g. "Failed to expand device '7:0'."
 * @param problems        lock, content files, fatal errors
 */
public record SmartTable(List<Row> disks, OptionalInt anyFailPercent, boolean unsupported, List<String> messages,
                  ArrayProblems problems) {

    public SmartTable {
        disks = List.copyOf(disks);
        messages = List.copyOf(messages);
    }

    /**
     * One disk: {@code -} in the output is an empty value.
     *
     * @param disk        SnapRAID's name (d1, parity, 2-parity), or {@code -} for a disk not in the array
     * @param device      e.g. {@code /dev/sdc}
     * @param serial      the drive's serial number
     * @param temperature degrees Celsius
     * @param powerOnDays days powered on
     * @param errorCount  the drive's error count as SnapRAID sums it
     * @param failPercent SnapRAID's estimated chance that this disk fails within a year
     * @param sizeTb      capacity in TB
     */
    public record Row(String disk, String device, String serial, OptionalInt temperature, OptionalLong powerOnDays,
               OptionalLong errorCount, OptionalInt failPercent, OptionalDouble sizeTb) {

        /** The subject of its finding: the SnapRAID name, or the device for a disk outside the array. */
        public String subject() {
            return disk.equals("-") || disk.isEmpty() ? device : disk;
        }
    }
}
