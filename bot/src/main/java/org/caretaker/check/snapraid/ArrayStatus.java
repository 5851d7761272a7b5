package org.caretaker.check.snapraid;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code snapraid status} said about the array. It reads only the content file, so it shows the array
 * as of the last sync: it does not see files changed since, nor a data disk that is missing now. Numbers the
 * output did not get to (the command stopped early, another run held the lock) are empty.
 *
 * @param reported          the "SnapRAID status report:" table was printed
 * @param disks             the rows of the table, one per data disk
 * @param files             files in the whole array (the table's total, or the {@code summary:file_count} tag)
 * @param scrubAge          days since the oldest, median and newest block was scrubbed (or synced)
 * @param synced            "No sync is in progress" (true), "The array is NOT fully synced" (false)
 * @param syncPercent       "You have a sync in progress at N%": how far an unfinished sync got
 * @param unscrubbedPercent "N% of the array is not scrubbed"; 0 for "The full array was scrubbed at least one time"
 * @param zeroSubsecond     files with a zero sub-second timestamp
 * @param rehashPercent     "You have a rehash in progress at N%"
 * @param errors            blocks marked bad: "DANGER! In the array there are N errors!", 0 for "No error detected"
 * @param errorBlocks       "from block A to B" of those errors, or empty
 * @param empty             "The array is empty": nothing was ever synced
 * @param futureScrubDates  SnapRAID found scrub dates in the future (the clock was wrong at a sync or scrub)
 * @param problems          lock, content files, disks, fatal errors
 */
public record ArrayStatus(
        boolean reported,
        List<DiskRow> disks,
        OptionalLong files,
        Optional<ScrubAge> scrubAge,
        Optional<Boolean> synced,
        OptionalInt syncPercent,
        OptionalInt unscrubbedPercent,
        OptionalLong zeroSubsecond,
        OptionalInt rehashPercent,
        OptionalLong errors,
        String errorBlocks,
        boolean empty,
        boolean futureScrubDates,
        ArrayProblems problems) {

    public ArrayStatus {
        disks = List.copyOf(disks);
    }

    /** "The oldest block was scrubbed 83 days ago, the median 34, the newest 6." */
    public record ScrubAge(long oldestDays, long medianDays, long newestDays) {
    }

    /**
     * One row of the status table. Free space and use are unknown ({@code -}) before the first sync, wasted
     * space is {@code -} on some versions.
     */
    public record DiskRow(String name, long files, long fragmentedFiles, long excessFragments, OptionalDouble wastedGb,
                   OptionalDouble usedGb, OptionalDouble freeGb, OptionalInt usePercent) {
    }
}
