package org.caretaker.check.snapraid;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a SnapRAID run that works through the blocks ended: {@code sync}, {@code scrub}, {@code check} or
 * {@code fix}. Sync and scrub count file, I/O and data errors; check and fix count errors, recovered and
 * unrecoverable ones. Counters the run did not print are empty.
 *
 * @param command       which run
 * @param outcome       how it ended
 * @param percent       the last "N% completed"
 * @param accessedMb    "… N MB accessed"
 * @param fileErrors    "N file errors" (sync, scrub)
 * @param ioErrors      "N io errors" (sync, scrub)
 * @param dataErrors    "N data errors" (sync, scrub): blocks now marked bad
 * @param errors        "N errors" (check, fix)
 * @param recovered     "N recovered errors" (fix)
 * @param unrecoverable "N unrecoverable errors" (check, fix)
 * @param errorLines    the lines naming damaged or missing files, as printed, at most {@link #MAX_LINES}
 * @param problems      lock, missing disks, content files, fatal errors
 */
public record RunReport(Command command, Outcome outcome, OptionalInt percent, OptionalLong accessedMb, OptionalLong fileErrors,
                 OptionalLong ioErrors, OptionalLong dataErrors, OptionalLong errors, OptionalLong recovered,
                 OptionalLong unrecoverable, List<String> errorLines, ArrayProblems problems) {

    static final int MAX_LINES = 50;

    public enum Command {
        SYNC, SCRUB, CHECK, FIX;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        /** "Everything OK". */
        OK,
        /** Errors were counted or announced ("DANGER! Unexpected data errors!", "WARNING! There are errors!"). */
        ERRORS,
        /** "Nothing to do": a scrub with no block old enough, a sync with nothing new. */
        NOTHING_TO_DO,
        /** Stopped by a signal; a later sync or scrub goes on from there. */
        INTERRUPTED,
        /** It never got to work: lock held, disk missing, content file broken, another fatal error. */
        REFUSED,
        /** Progress was printed, but no ending: cut short (a timeout, a lost connection) or still running. */
        UNFINISHED
    }

    public RunReport {
        errorLines = List.copyOf(errorLines);
    }

    /** Every error the run counted, of any kind, minus those a fix recovered. */
    public long errorTotal() {
        long sum = fileErrors.orElse(0) + ioErrors.orElse(0) + dataErrors.orElse(0);
        if (errors.isPresent()) {
            sum += errors.getAsLong() - recovered.orElse(0);
        }
        return sum;
    }
}
