package org.caretaker.check.snapraid;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code snapraid}: the daily look at a SnapRAID array through {@code snapraid status}, on hosts tagged
 * {@code snapraid}. Bad blocks are CRIT with their count, an unfinished sync WARN, an oldest scrub past
 * {@code scrub-max-age-days} WARN, a broken content file CRIT, a lock held by another SnapRAID run UNKNOWN.
 * It only reads: sync and scrub belong to the weekly and monthly jobs.
 *
 * <p>{@code status} reads only the content file, so it cannot see a data disk that is missing now; the
 * {@code mounts} check (with the disks' mount points under {@code expect: mounts:}) and {@code snapraid diff}
 * do. It also owns the parsers of every SnapRAID command for {@code caretaker inspect}: {@code snapraid-status},
 * {@code snapraid-diff}, {@code snapraid-sync}, {@code snapraid-scrub}, {@code snapraid-smart} and
 * {@code snapraid-check}.
 *
 * <p>Why 400 days: the monthly job scrubs 8 % of the array, oldest blocks first, so every block comes round
 * within 100 / 8 = 12.5 months, about 380 days. An oldest block past 400 days means a monthly scrub was
 * missed or scrubs too little for the array.
 */
public final class SnapraidCheck implements Check {
    public static final String ID = "snapraid";
    /** Status loads the whole content file; on a large array that takes a while. */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "SnapRAID array (snapraid status): bad blocks, unfinished sync, scrub age (WARN after 400 days), content files";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("snapraid");
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged snapraid";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        Map<String, Double> d = new java.util.HashMap<>(SmartTableEvaluation.DEFAULTS);
        d.put("scrub-max-age-days", 400.0);
        return Map.copyOf(d);
    }

    @Override
    public List<Inspector> inspectors() {
        Map<String, Double> d = thresholdDefaults();
        return List.of(
                new Inspector("snapraid-status", "output of `snapraid status` (with or without -l log tags)", ID, d,
                        SnapraidCheck::evaluateStatus),
                new Inspector("snapraid-diff", "output of `snapraid diff` (with or without -v and -l log tags)", ID, d,
                        (text, t, f) -> DiffEvaluation.evaluate(DiffParser.parse(text), f)),
                new Inspector("snapraid-sync", "output of `snapraid sync`", ID, d,
                        (text, t, f) -> RunEvaluation.evaluate(RunParser.parse(RunReport.Command.SYNC, text), f)),
                new Inspector("snapraid-scrub", "output of `snapraid scrub`", ID, d,
                        (text, t, f) -> RunEvaluation.evaluate(RunParser.parse(RunReport.Command.SCRUB, text), f)),
                new Inspector("snapraid-smart", "output of `snapraid smart`", ID, d,
                        (text, t, f) -> SmartTableEvaluation.evaluate(SmartTableParser.parse(text), t, f)),
                new Inspector("snapraid-check", "output of `snapraid check` (or `snapraid -e fix`)", ID, d,
                        (text, t, f) -> RunEvaluation.evaluate(RunParser.parse(RunReport.Command.CHECK, text), f)));
    }

    static void evaluateStatus(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        StatusEvaluation.evaluate(StatusParser.parse(text), t, f);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        // Root, because the content and lock files are root's; status changes nothing.
        CommandOutput out = ctx.exec(Command.of("snapraid", "status").withTimeout(TIMEOUT).asRoot());
        ToolMissingException.check(out, "snapraid");
        if (out.timedOut()) {
            throw new UnparseableOutputException("snapraid status did not finish within " + TIMEOUT.toMinutes()
                    + " minutes", out.combined());
        }
        // Status exits 0 even with DANGER; 1 when it could not run (lock, broken content file). The text says which.
        // Content-file warnings go to stderr, the report to stdout.
        Findings f = ctx.findings();
        evaluateStatus(out.combined(), ctx.thresholds(), f);
        return f.list();
    }
}
