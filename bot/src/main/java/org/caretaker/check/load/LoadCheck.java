package org.caretaker.check.load;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
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
 * {@code load}: the 15-minute load average per CPU core. The 15-minute figure is judged because a daily check
 * should not alarm on a one-minute burst (a backup, a compile); a host that stays loaded for a quarter of an
 * hour is the one that freezes. Tasks stuck in D state (a hung NFS or CIFS mount) count towards the load too.
 */
public final class LoadCheck implements Check {
    public static final String ID = "load";
    static final String RUNBOOK = "runbook/memory#high-load";
    /** Prints the load line, then the online CPU count; a missing getconf falls back to nproc, or to nothing. */
    static final String SCRIPT = "cat /proc/loadavg && { getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null || true; }";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "15-minute load average per CPU core (/proc/loadavg): WARN at 2.0, CRIT at 4.0";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return true;
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of("warn-per-core", 2.0, "crit-per-core", 4.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("loadavg",
                "text of /proc/loadavg, optionally followed by a line with the CPU count (getconf _NPROCESSORS_ONLN)",
                ID, thresholdDefaults(), LoadCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        LoadAverage load = LoadAverageParser.parse(text);
        double warn = t.get("warn-per-core");
        double crit = t.get("crit-per-core");
        int cpus = load.cpus().orElse(1);
        double perCore = load.load15() / cpus;
        String where = load.cpus().isPresent()
                ? " on " + cpus + (cpus == 1 ? " CPU" : " CPUs")
                : "";
        String assumed = load.cpus().isPresent() ? "" : " with 1 CPU assumed, as the input gave no CPU count";
        String base = "load " + two(load.load15()) + " over 15 minutes" + where;
        Findings.Draft d;
        if (perCore >= crit) {
            d = f.crit("load", base + " is " + two(perCore) + " per core" + assumed
                    + " (critical at " + number(crit) + " per core)");
        } else if (perCore >= warn) {
            d = f.warn("load", base + " is " + two(perCore) + " per core" + assumed
                    + " (warning at " + number(warn) + " per core)");
        } else {
            d = f.ok("load", base + " (" + two(perCore) + " per core" + assumed + ")");
        }
        d.metric("load1", load.load1())
                .metric("load5", load.load5())
                .metric("load15", load.load15())
                .metric("cpus", cpus)
                .metric("load15_per_core", Math.round(perCore * 100.0) / 100.0)
                .runbook(RUNBOOK);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        CommandOutput out = ctx.exec(Command.script("loadavg", SCRIPT));
        // Not ToolMissingException.check: "cat: /proc/loadavg: No such file or directory" names cat but means the
        // file is missing, as on a host that is not Linux.
        if (out.commandMissing()) {
            throw new ToolMissingException("cat", out.combined());
        }
        if (out.exitCode() != 0) {
            throw new UnparseableOutputException("/proc/loadavg could not be read (exit status " + out.exitCode() + "); is this a Linux host?", out.combined());
        }
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }

    private static String two(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
