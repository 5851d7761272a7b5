package org.caretaker.check.memory;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * {@code memory}: memory the kernel says is available (MemAvailable, not MemFree, which the page cache keeps
 * low on every healthy host) and how much swap is in use, from {@code /proc/meminfo}.
 */
public final class MemoryCheck implements Check {
    public static final String ID = "memory";
    static final String LOW_MEMORY = "runbook/memory#low-memory";
    static final String SWAP_IN_USE = "runbook/memory#swap-in-use";
    private static final long KB_PER_GIB = 1024L * 1024L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Memory available and swap in use (/proc/meminfo): WARN below 10% available, CRIT below 5%, WARN above 50% swap used";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return true;
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of("warn-available-percent", 10.0, "crit-available-percent", 5.0, "warn-swap-percent", 50.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("meminfo", "text of /proc/meminfo", ID, thresholdDefaults(), MemoryCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        Meminfo m = MeminfoParser.parse(text);
        judgeMemory(m, t, f);
        judgeSwap(m, t, f);
    }

    private static void judgeMemory(Meminfo m, Thresholds t, Findings f) {
        double warn = t.get("warn-available-percent");
        double crit = t.get("crit-available-percent");
        long usable = Math.min(m.usableKb(), m.totalKb());
        double pct = usable * 100.0 / m.totalKb();
        String amounts = size(usable) + " of " + size(m.totalKb());
        String estimate = m.estimated()
                ? "; estimated from MemFree+Buffers+Cached, as this kernel reports no MemAvailable" : "";
        Findings.Draft d;
        if (pct < crit) {
            d = f.crit("memory", "only " + below(pct, crit) + "% of memory available (" + amounts + "; critical below "
                    + number(crit) + "%" + estimate + ")");
        } else if (pct < warn) {
            d = f.warn("memory", "only " + below(pct, warn) + "% of memory available (" + amounts + "; warning below "
                    + number(warn) + "%" + estimate + ")");
        } else {
            d = f.ok("memory", amounts + " memory available (" + percent(pct, RoundingMode.HALF_UP) + "%" + estimate + ")");
        }
        d.metric("available_percent", round2(pct))
                .metric("available_bytes", usable * 1024.0)
                .metric("total_bytes", m.totalKb() * 1024.0)
                .runbook(LOW_MEMORY);
    }

    private static void judgeSwap(Meminfo m, Thresholds t, Findings f) {
        if (m.swapTotalKb() <= 0) {
            f.ok("swap", "no swap configured").metric("total_bytes", 0).runbook(SWAP_IN_USE);
            return;
        }
        double warn = t.get("warn-swap-percent");
        long used = Math.max(0, m.swapTotalKb() - m.swapFreeKb());
        double pct = used * 100.0 / m.swapTotalKb();
        String amounts = size(used) + " of " + size(m.swapTotalKb());
        Findings.Draft d = pct > warn
                ? f.warn("swap", "swap is " + above(pct, warn) + "% used (" + amounts + "; warning above " + number(warn) + "%)")
                : f.ok("swap", "swap is " + percent(pct, RoundingMode.HALF_UP) + "% used (" + amounts + ")");
        d.metric("used_percent", round2(pct))
                .metric("used_bytes", used * 1024.0)
                .metric("total_bytes", m.swapTotalKb() * 1024.0)
                .runbook(SWAP_IN_USE);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        CommandOutput out = ctx.exec(Command.of("cat", "/proc/meminfo"));
        // Not ToolMissingException.check: "cat: /proc/meminfo: No such file or directory" names cat but means the
        // file is missing, as on a host that is not Linux.
        if (out.commandMissing()) {
            throw new ToolMissingException("cat", out.combined());
        }
        if (out.exitCode() != 0) {
            throw new UnparseableOutputException("/proc/meminfo could not be read (exit status " + out.exitCode() + "); is this a Linux host?", out.combined());
        }
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }

    /** kB as "23.5 GiB" or, below one GiB, "750 MiB". */
    static String size(long kb) {
        if (kb >= KB_PER_GIB) {
            return BigDecimal.valueOf(kb).divide(BigDecimal.valueOf(KB_PER_GIB), 1, RoundingMode.HALF_UP) + " GiB";
        }
        return Math.round(kb / 1024.0) + " MiB";
    }

    /** A percentage judged below {@code limit}, never shown rounded up to the limit ("10%, warning below 10%"). */
    static String below(double pct, double limit) {
        String s = percent(pct, RoundingMode.HALF_UP);
        return Double.parseDouble(s) < limit ? s : percent(pct, RoundingMode.FLOOR);
    }

    /** A percentage judged above {@code limit}, never shown rounded down to it. */
    static String above(double pct, double limit) {
        String s = percent(pct, RoundingMode.HALF_UP);
        return Double.parseDouble(s) > limit ? s : percent(pct, RoundingMode.CEILING);
    }

    static String percent(double pct, RoundingMode mode) {
        return BigDecimal.valueOf(pct).setScale(1, mode).stripTrailingZeros().toPlainString();
    }

    static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static double round2(double d) {
        return Math.round(d * 100.0) / 100.0;
    }
}
