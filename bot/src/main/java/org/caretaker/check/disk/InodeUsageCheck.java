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
 * {@code inode-usage}: inodes used per filesystem from {@code df -PiT}. A disk can be "full" with free
 * blocks when millions of small files (caches, thumbnails, mail) use up the inodes.
 */
public final class InodeUsageCheck implements Check {
    public static final String ID = "inode-usage";
    static final String RUNBOOK = "runbook/disks#inodes-exhausted";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Inodes running out (df -i): WARN at 85%, CRIT at 95%";
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
        return List.of(new Inspector("df-inodes", "output of `df -Pi`, `df -PiT` or `df -hi`", ID, thresholdDefaults(), InodeUsageCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        UsageEvaluation.evaluate(DfParser.parse(text, f::skip), t, f, "of inodes used", "inodes_used_percent", RUNBOOK);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        CommandOutput out = ctx.exec(Command.of("df", "-PiT").withTimeout(Duration.ofSeconds(20)));
        ToolMissingException.check(out, "df");
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }
}
