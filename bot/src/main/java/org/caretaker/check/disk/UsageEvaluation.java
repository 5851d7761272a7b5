package org.caretaker.check.disk;

import java.util.List;
import org.caretaker.check.Numbers;
import org.caretaker.check.Findings;
import org.caretaker.check.Thresholds;

/** Judges df rows against WARN/CRIT percentages; shared by the block and the inode check. */
final class UsageEvaluation {
    private UsageEvaluation() {
    }

    /**
     * @param what    "full" for blocks, "of inodes used" for inodes
     * @param metric  metric name of the percentage
     * @param runbook where to look when it is too high
     */
    static void evaluate(List<DfRow> rows, Thresholds t, Findings f, String what, String metric, String runbook) {
        double warn = t.get("warn");
        double crit = t.get("crit");
        int judged = 0;
        for (DfRow row : rows) {
            if (PseudoFilesystems.isPseudo(row) || row.percent() < 0 || row.total() == 0) {
                continue;
            }
            judged++;
            int pct = row.percent();
            String subject = row.mountPoint();
            Findings.Draft d;
            if (pct >= crit) {
                d = f.crit(subject, subject + " is " + pct + "% " + what + " (critical at " + Numbers.format(crit) + "%)");
            } else if (pct >= warn) {
                d = f.warn(subject, subject + " is " + pct + "% " + what + " (warning at " + Numbers.format(warn) + "%)");
            } else {
                d = f.ok(subject, subject + " is " + pct + "% " + what);
            }
            d.metric(metric, pct).runbook(runbook);
            if (row.total() >= 0) {
                d.metric("total", row.total());
            }
            if (row.used() >= 0) {
                d.metric("used", row.used());
            }
        }
        if (judged == 0) {
            f.ok("-", "no real filesystems in the df output (only pseudo filesystems)");
        }
    }

}
