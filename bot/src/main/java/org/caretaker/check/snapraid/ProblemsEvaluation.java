package org.caretaker.check.snapraid;

import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;
import org.caretaker.check.Severity;
import org.caretaker.check.Verdict;
import static org.caretaker.check.snapraid.SnapraidRunbook.ALREADY_IN_USE;
import static org.caretaker.check.snapraid.SnapraidRunbook.CONTENT_FILES;
import static org.caretaker.check.snapraid.SnapraidRunbook.MISSING_DISK;
import static org.caretaker.check.snapraid.SnapraidRunbook.SILENT_CORRUPTION;
import static org.caretaker.check.snapraid.SnapraidRunbook.THRESHOLDS;

/**
 * Judges {@link ArrayProblems}, the same way for every command. A held lock is UNKNOWN: another run is busy
 * with the array, so this one learned nothing about it, which is not a fault. A missing data disk is CRIT and
 * gets its own finding, named after the disk. A broken content file, or none found at all, is CRIT (syncing
 * then would throw away what parity knows; only a brand-new array has none); a missing or differing copy is
 * WARN. Disks without UUIDs are WARN, because they make
 * moves look like deletions and trip the sync thresholds.
 */
final class ProblemsEvaluation {
    static final String ARRAY = "array";

    private ProblemsEvaluation() {
    }

    /**
     * Adds what the problems say; returns false when nothing more can be judged (the lock was held).
     *
     * @param stopped the command did not get to its own result, so error lines explain why; after a result,
     *                they are per-file details the result already counts
     */
    static boolean judge(String command, ArrayProblems p, boolean stopped, Verdict v, Findings f) {
        if (p.lockHeld()) {
            f.unknown(ARRAY, "another SnapRAID run holds the array's lock (\"SnapRAID is already in use!\"); "
                    + command + " could not run").runbook(ALREADY_IN_USE);
            return false;
        }
        for (ArrayProblems.MissingDisk d : p.missingDisks()) {
            String text = d.disk().isEmpty()
                    ? d.role() + " directory " + d.dir() + " cannot be accessed: the disk is missing or the path is wrong"
                    : "data disk " + d.disk() + " is missing: all its files are gone from " + d.dir()
                      + " (not mounted?); do not sync";
            f.crit(d.name(), text).runbook(MISSING_DISK);
        }
        if (!p.contentFailures().isEmpty()) {
            v.add(Severity.CRIT, "broken content file: " + String.join(" ", p.contentFailures()) + "; do not sync",
                    CONTENT_FILES);
        } else if (p.noContent()) {
            v.add(Severity.CRIT, "no content file found, so SnapRAID started from an empty array "
                    + "(right only before the first sync)", CONTENT_FILES);
        } else if (!p.contentWarnings().isEmpty()) {
            v.add(Severity.WARN, String.join("; ", p.contentWarnings()), CONTENT_FILES);
        }
        if (p.ramBroken()) {
            v.add(Severity.CRIT, "SnapRAID's self-test found broken memory: test the RAM before any sync, scrub or fix",
                    SILENT_CORRUPTION);
        }
        if (stopped) {
            for (String e : p.errors()) {
                v.add(Severity.UNKNOWN, "snapraid " + command + " failed: " + e, Runbook.UNKNOWN_OUTPUT);
            }
        }
        return true;
    }

    /** Last, so that among warnings the command's own result leads the message. */
    static void notes(ArrayProblems p, Verdict v) {
        if (!p.noUuid().isEmpty()) {
            v.add(Severity.WARN, "no filesystem UUID for " + String.join(", ", p.noUuid())
                    + ": moves there count as removals plus additions", THRESHOLDS);
        }
    }
}
