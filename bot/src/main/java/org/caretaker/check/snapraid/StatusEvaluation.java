package org.caretaker.check.snapraid;

import org.caretaker.check.Findings;
import org.caretaker.check.Numbers;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.Verdict;
import static org.caretaker.check.snapraid.SnapraidRunbook.SCRUB;
import static org.caretaker.check.snapraid.SnapraidRunbook.SILENT_CORRUPTION;
import static org.caretaker.check.snapraid.SnapraidRunbook.SYNC;
import static org.caretaker.check.snapraid.SnapraidRunbook.ZERO_SUBSECOND;
import static org.caretaker.check.snapraid.Words.plural;

/**
 * Judges {@link ArrayStatus}: one finding for the array, plus one per missing disk.
 *
 * <p>Severities, and why: blocks marked bad are CRIT with their count, because until they are fixed a disk
 * failure could not be fully recovered. An unfinished sync is WARN: new data is not protected yet, but nothing
 * is broken. An oldest scrub older than {@code scrub-max-age-days} is WARN: the scrub cycle has slipped, so
 * silent corruption could be sitting unseen. The share never scrubbed, files with zero sub-second timestamps
 * and a rehash in progress are reported as numbers only: they are normal after a sync, or harmless.
 */
public final class StatusEvaluation {

    private StatusEvaluation() {
    }

    public static void evaluate(ArrayStatus s, Thresholds t, Findings f) {
        Verdict v = new Verdict();
        if (!ProblemsEvaluation.judge("status", s.problems(), !s.reported(), v, f)) {
            return;
        }
        s.errors().ifPresent(n -> {
            v.metric("errors", n);
            if (n > 0) {
                String where = s.errorBlocks().isEmpty() ? "" : " (" + s.errorBlocks() + ")";
                v.add(Severity.CRIT, plural(n, "error") + " in the array" + where
                        + ": repair with snapraid -e fix, then snapraid scrub -p bad", SILENT_CORRUPTION);
            } else {
                v.add(Severity.OK, "no errors", SILENT_CORRUPTION);
            }
        });
        if (s.empty()) {
            v.add(Severity.WARN, "the array is empty: it was never synced", SYNC);
        }
        s.synced().ifPresent(synced -> {
            if (!synced) {
                String at = s.syncPercent().isPresent() ? " at " + s.syncPercent().getAsInt() + "%" : "";
                v.add(Severity.WARN, "not fully synced: a sync stopped" + at + "; run snapraid sync to finish it", SYNC);
            }
            v.metric("sync_percent", synced ? 100 : s.syncPercent().orElse(0));
        });
        s.scrubAge().ifPresent(a -> {
            double max = t.get("scrub-max-age-days");
            String text = "oldest block scrubbed " + plural(a.oldestDays(), "day") + " ago";
            if (a.oldestDays() > max) {
                v.add(Severity.WARN, text + " (warning after " + Numbers.format(max) + " days)", SCRUB);
            } else {
                v.add(Severity.OK, text, SCRUB);
            }
            v.metric("scrub_oldest_days", a.oldestDays()).metric("scrub_median_days", a.medianDays())
                    .metric("scrub_newest_days", a.newestDays());
        });
        if (s.futureScrubDates()) {
            v.add(Severity.WARN, "scrub dates in the future: the clock was wrong during a sync or scrub", SCRUB);
        }
        s.unscrubbedPercent().ifPresent(p -> {
            if (p > 0) {
                v.add(Severity.OK, p + "% never scrubbed", SCRUB);
            }
            v.metric("unscrubbed_percent", p);
        });
        s.zeroSubsecond().ifPresent(n -> {
            if (n > 0) {
                v.add(Severity.OK, plural(n, "file") + " with zero sub-second timestamps (snapraid touch)", ZERO_SUBSECOND);
            }
            v.metric("zero_subsecond_files", n);
        });
        s.rehashPercent().ifPresent(p -> v.add(Severity.OK, "rehash in progress at " + p + "%", SYNC));
        s.files().ifPresent(n -> v.metric("files", n));
        ProblemsEvaluation.notes(s.problems(), v);
        v.emit(f, ProblemsEvaluation.ARRAY);
    }
}
