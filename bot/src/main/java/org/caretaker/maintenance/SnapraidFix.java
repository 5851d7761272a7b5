package org.caretaker.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.snapraid.RunEvaluation;
import org.caretaker.check.snapraid.RunParser;
import org.caretaker.check.snapraid.RunReport;
import org.caretaker.check.snapraid.SnapraidRunbook;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;

/**
 * {@code snapraid-fix}: repairs the blocks a scrub marked bad ({@code snapraid -e fix}), then rechecks only
 * those ({@code snapraid -p bad scrub}), because a fix leaves the marks in place until a scrub reads the blocks
 * again. Started by an admin, never by a schedule: a fix writes to the data disks.
 */
public final class SnapraidFix implements Procedure {
    public static final String ID = "snapraid-fix";
    private static final Duration FIX = Duration.ofHours(6);

    private final String config;

    public SnapraidFix(String config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> tags() {
        return List.of("snapraid");
    }

    @Override
    public List<Finding> run(HostConfig host, Executor exec, ProcedureContext ctx) throws InterruptedException {
        Findings fix = new Findings(ID, host.name());
        Findings scrub = new Findings("snapraid-scrub", host.name());
        try {
            CommandOutput f = ctx.runWatched(exec, new Command(List.of("snapraid", "-c", config, "-e", "fix"), ctx.left(FIX), "snapraid fix", false).asRoot(),
                    host.name(), "fix");
            RunEvaluation.evaluate(RunParser.parse(RunReport.Command.FIX, f.combined()), fix);
            CommandOutput s = ctx.runWatched(exec, new Command(List.of("snapraid", "-c", config, "-p", "bad", "scrub"), ctx.left(FIX),
                    "snapraid scrub bad", false).asRoot(), host.name(), "scrub");
            RunEvaluation.evaluate(RunParser.parse(RunReport.Command.SCRUB, s.combined()), scrub);
        } catch (ExecException e) {
            fix.add(e.kind().hostLevel() ? Severity.UNREACHABLE : Severity.UNKNOWN, "array", "fix stopped: " + e.getMessage())
                    .runbook(SnapraidRunbook.FIX);
        } catch (UnparseableOutputException e) {
            fix.unknown("array", e.getMessage() + ": " + Excerpt.of(e.text())).runbook(SnapraidRunbook.FIX);
        }
        List<Finding> out = new ArrayList<>(fix.list());
        out.addAll(scrub.list());
        return List.copyOf(out);
    }
}
