package org.caretaker.check.disk;

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
 * {@code disk-usage}: every real filesystem's use percentage from {@code df -PT}; WARN at 85%, CRIT at 95%.
 * A stale network mount makes df hang; the host-side timeout ends it and the mounts check names the mount.
 */
public final class DiskUsageCheck implements Check {
    public static final String ID = "disk-usage";
    static final String RUNBOOK = "runbook/disks#disk-full";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Filesystems filling up (df): WARN at 85%, CRIT at 95%";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return true;
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of("warn", 85.0, "crit", 95.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("df", "output of `df -P`, `df -PT` or `df -h`", ID, thresholdDefaults(), DiskUsageCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        UsageEvaluation.evaluate(DfParser.parse(text, f::skip), t, f, "full", "used_percent", RUNBOOK);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        // A hung network mount would block df forever; the host-side timeout cuts it.
        CommandOutput out = ctx.exec(Command.of("df", "-PT").withTimeout(Duration.ofSeconds(20)));
        ToolMissingException.check(out, "df");
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }
}
