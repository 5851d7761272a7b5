package org.caretaker.check.snapraid;

import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;
import org.caretaker.check.Severity;
import org.caretaker.check.Verdict;
import static org.caretaker.check.snapraid.SnapraidRunbook.DATA_DISK_FAILURE;
import static org.caretaker.check.snapraid.SnapraidRunbook.FIX;
import static org.caretaker.check.snapraid.SnapraidRunbook.SCRUB;
import static org.caretaker.check.snapraid.SnapraidRunbook.SILENT_CORRUPTION;
import static org.caretaker.check.snapraid.SnapraidRunbook.SYNC;
import static org.caretaker.check.snapraid.Words.plural;

/**
 * Judges a {@link RunReport} of sync, scrub, check or fix. Data errors are CRIT (the blocks are marked bad and
 * need a fix), I/O errors are CRIT (a disk is failing to read or write), file errors are WARN (a file changed
 * or vanished while SnapRAID read it). For check, errors it could recover are WARN (fix repairs them, and a
 * file deleted since the last sync shows up here too) and unrecoverable ones CRIT. An interrupted run is
 * WARN: the next run goes on from where it stopped.
 */
public final class RunEvaluation {

    private RunEvaluation() {
    }

    public static void evaluate(RunReport r, Findings f) {
        Verdict v = new Verdict();
        String cmd = r.command().word();
        if (!ProblemsEvaluation.judge(cmd, r.problems(),
                r.outcome() == RunReport.Outcome.REFUSED || r.outcome() == RunReport.Outcome.UNFINISHED, v, f)) {
            return;
        }
        String home = r.command() == RunReport.Command.SYNC ? SYNC : r.command() == RunReport.Command.SCRUB ? SCRUB : FIX;
        String accessed = r.accessedMb().isPresent() ? " (" + r.accessedMb().getAsLong() + " MB accessed)" : "";
        switch (r.outcome()) {
            case OK -> {
                if (r.recovered().orElse(0) > 0) {
                    v.add(Severity.OK, cmd + " recovered " + plural(r.recovered().getAsLong(), "error")
                            + "; run snapraid scrub -p bad to clear the marks in status", FIX);
                } else {
                    v.add(Severity.OK, cmd + " finished: Everything OK" + accessed, home);
                }
            }
            case NOTHING_TO_DO -> v.add(Severity.OK, cmd + ": nothing to do", home);
            case ERRORS -> errors(r, cmd, home, v);
            case INTERRUPTED -> v.add(Severity.WARN, cmd + " was interrupted"
                    + (r.percent().isPresent() ? " at " + r.percent().getAsInt() + "%" : "")
                    + "; the next " + cmd + " goes on from there", home);
            case UNFINISHED -> v.add(Severity.UNKNOWN, cmd + " output ends"
                    + (r.percent().isPresent() ? " at " + r.percent().getAsInt() + "%" : "")
                    + " without a result: cut short, or still running", Runbook.UNKNOWN_OUTPUT);
            case REFUSED -> {
                if (v.isEmpty() && r.problems().missingDisks().isEmpty()) {
                    v.add(Severity.UNKNOWN, cmd + " did not run", Runbook.UNKNOWN_OUTPUT);
                }
            }
        }
        long total = r.errorTotal();
        if (r.outcome() != RunReport.Outcome.REFUSED && r.outcome() != RunReport.Outcome.UNFINISHED) {
            v.metric("errors", total);
        }
        r.fileErrors().ifPresent(n -> v.metric("file_errors", n));
        r.ioErrors().ifPresent(n -> v.metric("io_errors", n));
        r.dataErrors().ifPresent(n -> v.metric("data_errors", n));
        r.recovered().ifPresent(n -> v.metric("recovered_errors", n));
        r.unrecoverable().ifPresent(n -> v.metric("unrecoverable_errors", n));
        r.accessedMb().ifPresent(n -> v.metric("accessed_mb", n));
        ProblemsEvaluation.notes(r.problems(), v);
        v.emit(f, ProblemsEvaluation.ARRAY);
    }

    private static void errors(RunReport r, String cmd, String home, Verdict v) {
        String first = r.errorLines().isEmpty() ? "" : " (first: " + r.errorLines().get(0) + ")";
        boolean said = false;
        if (r.dataErrors().orElse(0) > 0) {
            v.add(Severity.CRIT, cmd + " found " + plural(r.dataErrors().getAsLong(), "data error") + first
                    + "; the blocks are marked bad: run snapraid -e fix, then snapraid scrub -p bad", SILENT_CORRUPTION);
            said = true;
        }
        if (r.ioErrors().orElse(0) > 0) {
            v.add(Severity.CRIT, cmd + " hit " + plural(r.ioErrors().getAsLong(), "I/O error")
                    + ": check the disks' SMART and the kernel log", DATA_DISK_FAILURE);
            said = true;
        }
        if (r.fileErrors().orElse(0) > 0) {
            v.add(Severity.WARN, cmd + " hit " + plural(r.fileErrors().getAsLong(), "file error")
                    + ": files changed or vanished while it read them", home);
            said = true;
        }
        if (r.unrecoverable().orElse(0) > 0) {
            v.add(Severity.CRIT, cmd + " found " + plural(r.unrecoverable().getAsLong(), "unrecoverable error") + first,
                    DATA_DISK_FAILURE);
            said = true;
        }
        long recoverable = r.errors().orElse(0) - r.recovered().orElse(0) - r.unrecoverable().orElse(0);
        if (recoverable > 0) {
            v.add(Severity.WARN, cmd + " found " + plural(recoverable, "recoverable error") + first
                    + ": run snapraid -e fix if they are not files deleted since the last sync", FIX);
            said = true;
        }
        if (!said) {
            v.add(Severity.CRIT, cmd + " reported errors" + first, SILENT_CORRUPTION);
        }
    }
}
