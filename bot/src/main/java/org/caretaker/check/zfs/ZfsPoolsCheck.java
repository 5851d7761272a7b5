package org.caretaker.check.zfs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Runbook;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code zfs-pools}: every pool's state, device and data errors ({@code zpool status -v}), how full it and its
 * special vdev are ({@code zpool list -H -p -v}), and how long ago it was last scrubbed. Expected pools must
 * be there. One finding per pool.
 */
public final class ZfsPoolsCheck implements Check {
    public static final String ID = "zfs-pools";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "ZFS pools: state, device and data errors, capacity (WARN 80%, CRIT 95%), special vdev, scrub age";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("zfs") || !host.expect().pools().isEmpty();
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged zfs or with expect.pools";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of(
                "capacity-warn", 80.0,
                "capacity-crit", 95.0,
                "special-warn", 80.0,
                "special-crit", 90.0,
                "scrub-max-age-days", 35.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(
                new Inspector("zpool-status", "output of `zpool status -v` (one or more pools)", ID, thresholdDefaults(),
                        (text, t, f) -> evaluateStatus(text, t, f, Instant.now())),
                new Inspector("zpool-list", "output of `zpool list -v`, `zpool list -p -v` or `zpool list -H -p -v`", ID,
                        thresholdDefaults(), ZfsPoolsCheck::evaluateList));
    }

    /** Judges saved {@code zpool status} text; scrub ages are counted up to {@code now}. */
    static void evaluateStatus(String text, Thresholds t, Findings f, Instant now) throws UnparseableOutputException {
        PoolEvaluation.evaluate(ZpoolStatusParser.parse(text), List.of(), List.of(), false, t, f, now);
    }

    static void evaluateList(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        PoolEvaluation.evaluate(List.of(), ZpoolListParser.parse(text, f::skip), List.of(), false, t, f, Instant.now());
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        // Root lets zpool name the files with permanent errors instead of "permission denied".
        CommandOutput status = ctx.exec(Command.of("zpool", "status", "-v").asRoot());
        ToolMissingException.check(status, "zpool");
        // "no pools available" goes to stderr.
        List<PoolStatus> pools = ZpoolStatusParser.parse(status.stdout().isBlank() ? status.combined() : status.stdout());

        CommandOutput list = ctx.exec(Command.of("zpool", "list", "-H", "-p", "-v"));
        List<PoolUsage> usages = List.of();
        List<String> leftOut = new java.util.ArrayList<>();
        UnparseableOutputException listProblem = null;
        try {
            if (list.exitCode() != 0) {
                throw new UnparseableOutputException("zpool list -H -p -v failed with exit status " + list.exitCode(),
                        list.combined());
            }
            usages = ZpoolListParser.parse(list.stdout(), leftOut::add);
        } catch (UnparseableOutputException e) {
            listProblem = e;
        }
        Findings f = ctx.findings();
        leftOut.forEach(f::skip);
        HostConfig host = ctx.host();
        PoolEvaluation.evaluate(pools, usages, host.expect().pools(), host.hasTag("zfs"), ctx.thresholds(), f, ctx.now());
        if (listProblem != null) {
            // The pools' state is known; only their capacity is not, so the rest of the judgement stands.
            f.unknown("-", "pool capacity unknown: " + listProblem.getMessage() + ": " + listProblem.excerpt())
                    .runbook(Runbook.UNKNOWN_OUTPUT);
        }
        return f.list();
    }
}
