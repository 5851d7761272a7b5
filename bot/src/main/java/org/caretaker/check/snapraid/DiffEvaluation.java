package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.Verdict;
import static org.caretaker.check.snapraid.SnapraidRunbook.SYNC;

/**
 * Judges a {@link DiffReport} read on its own (the weekly job applies its sync thresholds elsewhere): the
 * counts are OK and kept as metrics ({@code added}, {@code removed}, {@code updated}, {@code moved},
 * {@code copied}, {@code restored}, {@code equal}); a missing disk is CRIT, because syncing now would
 * throw away the protection of every file on it.
 */
final class DiffEvaluation {

    private DiffEvaluation() {
    }

    static void evaluate(DiffReport d, Findings f) {
        Verdict v = new Verdict();
        if (!ProblemsEvaluation.judge("diff", d.problems(), d.counts().isEmpty(), v, f)) {
            return;
        }
        if (!d.counts().isEmpty()) {
            List<String> changed = new ArrayList<>();
            for (String kind : DiffReport.KINDS) {
                if (!kind.equals("equal")) {
                    changed.add(d.count(kind) + " " + kind);
                }
                v.metric(kind, d.count(kind));
            }
            boolean any = DiffReport.KINDS.stream().anyMatch(k -> !k.equals("equal") && d.count(k) > 0);
            v.add(Severity.OK, any ? "changes since the last sync: " + String.join(", ", changed)
                    + " (" + d.count("equal") + " equal)" : "no changes since the last sync (" + d.count("equal") + " equal)",
                    SYNC);
        }
        ProblemsEvaluation.notes(d.problems(), v);
        v.emit(f, ProblemsEvaluation.ARRAY);
    }
}
