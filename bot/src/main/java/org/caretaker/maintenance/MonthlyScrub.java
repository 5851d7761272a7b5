package org.caretaker.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.snapraid.RunEvaluation;
import org.caretaker.check.snapraid.RunParser;
import org.caretaker.check.snapraid.RunReport;
import org.caretaker.check.snapraid.SnapraidRunbook;
import org.caretaker.check.zfs.PoolStatus;
import org.caretaker.check.zfs.Scan;
import org.caretaker.check.zfs.ZpoolStatusParser;
import org.caretaker.config.Args;
import org.caretaker.config.HostConfig;
import org.caretaker.config.ScrubPolicy;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code monthly-scrub}: on hosts tagged {@code snapraid}, {@code snapraid scrub -p <pct> -o <days>} (bad blocks
 * are CRIT with their count: repair with {@link SnapraidFix}); on hosts tagged {@code zfs}, {@code zpool scrub}
 * on each pool and {@code zpool status} polled until the scrub ends, reporting repaired bytes and errors. A
 * scrub still running at the job's deadline is reported as running; the daily {@code zfs-pools} check follows
 * it from there. Then the SMART review ({@link SmartReview}) and the restore-test reminder.
 *
 * <p>Findings: {@code snapraid-scrub/array}, {@code zfs-scrub/<pool>}, {@code smart-review/<disk>} and
 * {@code monthly-scrub/restore-test}.
 */
public final class MonthlyScrub implements Procedure {
    public static final String ID = "monthly-scrub";
    private static final Logger LOG = LoggerFactory.getLogger(MonthlyScrub.class);
    private static final Pattern REPAIRED = Pattern.compile("repaired (\\S+)");
    private static final Duration SCRUB = Duration.ofHours(12);
    private static final Duration SHORT = Duration.ofMinutes(1);

    private final ScrubPolicy policy;
    private final Optional<SmartReview> review;
    private final Pause pause;
    private final boolean full;

    public MonthlyScrub(ScrubPolicy policy, Optional<SmartReview> review, Pause pause) {
        this(policy, review, pause, true);
    }

    private MonthlyScrub(ScrubPolicy policy, Optional<SmartReview> review, Pause pause, boolean full) {
        this.policy = policy;
        this.review = review;
        this.pause = pause;
        this.full = full;
    }

    /** {@code snapraid-scrub}: only the SnapRAID scrub, for {@code /snapraid scrub}. */
    public static MonthlyScrub snapraidOnly(ScrubPolicy policy) {
        return new MonthlyScrub(policy, Optional.empty(), Pause.SLEEP, false);
    }

    /** Where each disk sits in the host's pools, to name it in the SMART review; nothing when that cannot be read. */
    private static Map<String, String> zfsHomes(HostConfig host, Executor exec) throws InterruptedException {
        if (!host.hasTag("zfs")) {
            return Map.of();
        }
        try {
            return ZfsHomes.read(exec);
        } catch (ExecException e) {
            return Map.of();
        }
    }

    @Override
    public String id() {
        return full ? ID : "snapraid-scrub";
    }

    @Override
    public List<String> tags() {
        return List.of("snapraid", "zfs");
    }

    @Override
    public List<Finding> run(HostConfig host, Executor exec, ProcedureContext ctx) throws InterruptedException {
        List<Finding> out = new ArrayList<>();
        if (host.hasTag("snapraid")) {
            Findings f = new Findings("snapraid-scrub", host.name());
            try {
                snapraid(exec, ctx, f);
            } catch (ExecException e) {
                f.add(e.kind().hostLevel() ? Severity.UNREACHABLE : Severity.UNKNOWN, "array", "scrub stopped: " + e.getMessage());
            }
            out.addAll(f.list());
        }
        if (!full) {
            return List.copyOf(out);
        }
        if (host.hasTag("zfs")) {
            Findings f = new Findings("zfs-scrub", host.name());
            try {
                zfs(exec, ctx, f);
            } catch (ExecException e) {
                f.add(e.kind().hostLevel() ? Severity.UNREACHABLE : Severity.UNKNOWN, "-", "zpool scrub stopped: " + e.getMessage());
            }
            out.addAll(f.list());
        }
        if (review.isPresent()) {
            Findings f = new Findings(SmartReview.CHECK, host.name());
            try {
                review.get().review(host.name(), ctx.now().minus(policy.reviewWindow()), ctx.now(), f, zfsHomes(host, exec));
            } catch (StoreException e) {
                f.unknown("-", "SMART review failed: " + e.getMessage());
            }
            out.addAll(f.list());
        }
        Findings own = new Findings(ID, host.name());
        // A checklist item, not a problem: WARN so it is announced and stays on /status until someone has done
        // it and acked it; the month is part of the message, so next month's ack is asked for again.
        own.warn("restore-test", "restore test due for " + java.time.YearMonth.now(ctx.clock()) + ": restore one file from the backup, "
                        + "compare it with the original, then /ack this finding")
                .runbook("runbook/routines#restore-test");
        out.addAll(own.list());
        LOG.info("procedure finished procedure={} host={} severity={}", ID, host.name(),
                Severity.worst(out.stream().map(Finding::severity).toList()));
        return List.copyOf(out);
    }

    private void snapraid(Executor exec, ProcedureContext ctx, Findings f) throws ExecException, InterruptedException {
        CommandOutput out = ctx.runWatched(exec, new Command(List.of("snapraid", "-c", policy.config(), "scrub",
                "-p", Integer.toString(policy.percent()), "-o", Integer.toString(policy.olderThanDays())),
                ctx.left(SCRUB), "snapraid scrub", false).asRoot(), f.host(), "scrub");
        try {
            RunEvaluation.evaluate(RunParser.parse(RunReport.Command.SCRUB, out.combined()), f);
        } catch (UnparseableOutputException e) {
            f.unknown("array", e.getMessage() + ": " + Excerpt.of(e.text())).runbook(SnapraidRunbook.SCRUB);
        }
    }

    private void zfs(Executor exec, ProcedureContext ctx, Findings f) throws ExecException, InterruptedException {
        List<String> pools = policy.pools();
        if (pools.isEmpty()) {
            CommandOutput list = exec.run(Command.of("zpool", "list", "-H", "-o", "name").withTimeout(SHORT));
            if (list.exitCode() != 0) {
                f.unknown("-", "zpool list failed: " + Excerpt.of(list.combined()));
                return;
            }
            pools = list.stdout().lines().map(String::strip).filter(Args::isName).toList();
        }
        for (String pool : pools) {
            CommandOutput start = exec.run(Command.of("zpool", "scrub", pool).withTimeout(SHORT).asRoot());
            if (start.exitCode() != 0 && !start.combined().contains("currently scrubbing")) {
                f.unknown(pool, "zpool scrub " + pool + " failed: " + Excerpt.of(start.combined())).runbook("runbook/zfs#scrubs");
                continue;
            }
        }
        for (String pool : pools) {
            poll(exec, ctx, pool, f);
        }
    }

    private void poll(Executor exec, ProcedureContext ctx, String pool, Findings f) throws ExecException, InterruptedException {
        while (true) {
            CommandOutput st = exec.run(Command.of("zpool", "status", pool).withTimeout(SHORT));
            Scan scan;
            try {
                List<PoolStatus> ps = ZpoolStatusParser.parse(st.combined());
                if (ps.isEmpty()) {
                    f.unknown(pool, "zpool status " + pool + " showed no pool: " + Excerpt.of(st.combined()));
                    return;
                }
                scan = ps.get(0).scan();
            } catch (UnparseableOutputException e) {
                f.unknown(pool, e.getMessage() + ": " + Excerpt.of(e.text()));
                return;
            }
            boolean running = scan.state() == Scan.State.IN_PROGRESS;
            if (running && ctx.now().plus(policy.pollEvery()).isBefore(ctx.deadline())) {
                pause.pause(policy.pollEvery());
                continue;
            }
            report(pool, scan, f);
            return;
        }
    }

    static void report(String pool, Scan scan, Findings f) {
        if (scan.state() == Scan.State.IN_PROGRESS || scan.state() == Scan.State.PAUSED) {
            String pct = scan.percent().isPresent() ? " at " + Math.round(scan.percent().getAsDouble()) + "%" : "";
            f.ok(pool, "scrub still running" + pct + " at the job's deadline; the daily zfs-pools check reports how it ends")
                    .runbook("runbook/zfs#scrubs");
            return;
        }
        if (scan.kind() != Scan.Kind.SCRUB || scan.state() != Scan.State.FINISHED) {
            f.unknown(pool, "scrub did not finish: " + Excerpt.of(scan.text())).runbook("runbook/zfs#scrubs");
            return;
        }
        Matcher m = REPAIRED.matcher(scan.text());
        String repaired = m.find() ? m.group(1) : "0B";
        long errors = scan.errors().orElse(0);
        boolean repairedSome = !repaired.matches("0(\\.0+)?[KMGTP]?B?");
        Severity sev = errors > 0 ? Severity.CRIT : repairedSome ? Severity.WARN : Severity.OK;
        f.add(sev, pool, "scrub finished: repaired " + repaired + ", " + errors + " unrepaired error" + (errors == 1 ? "" : "s"))
                .metric("errors", errors).runbook(errors > 0 ? "runbook/zfs#data-errors" : "runbook/zfs#scrubs");
    }
}
