package org.caretaker.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.snapraid.ArrayStatus;
import org.caretaker.check.snapraid.DiffParser;
import org.caretaker.check.snapraid.DiffReport;
import org.caretaker.check.snapraid.RunEvaluation;
import org.caretaker.check.snapraid.RunParser;
import org.caretaker.check.snapraid.RunReport;
import org.caretaker.check.snapraid.SmartTableEvaluation;
import org.caretaker.check.snapraid.SmartTableParser;
import org.caretaker.check.snapraid.SnapraidRunbook;
import org.caretaker.check.snapraid.StatusEvaluation;
import org.caretaker.check.snapraid.StatusParser;
import org.caretaker.config.HostConfig;
import org.caretaker.config.WeeklyPolicy;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code snapraid-weekly}: the guarded weekly sync of a SnapRAID array. Preflight (no SnapRAID running, the
 * configuration, content and parity files there, how the last sync ended) → {@code diff} → the limits of the
 * {@link WeeklyPolicy} → {@code sync} → {@code status} → {@code smart}.
 *
 * <p>A diff over the limits does not sync: the run ends WARN with the counts and where the changes are, and the
 * host's sync stays blocked ({@link SyncBlocks}) until an admin approves that exact diff with
 * {@code /snapraid approve <code>}. A later run syncs only when its diff has the approved fingerprint and the
 * approval has not run out; any other diff is blocked again, with its own code. An earlier sync that did not
 * finish is reported and finished even when the diff is empty: its parity is half-written.
 *
 * <p>Findings: {@code snapraid-weekly/array} is the procedure's own verdict; the steps add theirs under the
 * ids of the parsers that judged them ({@code snapraid-sync}, {@code snapraid-status}, {@code snapraid-smart}).
 */
public final class SnapraidWeekly implements Procedure {
    public static final String ID = "snapraid-weekly";
    static final String SUBJECT = "array";
    private static final Logger LOG = LoggerFactory.getLogger(SnapraidWeekly.class);
    private static final Duration SHORT = Duration.ofMinutes(1);
    private static final Duration READ = Duration.ofMinutes(30);
    private static final Duration SYNC = Duration.ofHours(12);

    private final WeeklyPolicy policy;
    private final SyncBlocks blocks;

    public SnapraidWeekly(WeeklyPolicy policy, SyncBlocks blocks) {
        this.policy = policy;
        this.blocks = blocks;
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
        Findings own = new Findings(ID, host.name());
        List<Finding> steps = new ArrayList<>();
        try {
            weekly(host.name(), exec, ctx, own, steps);
        } catch (ExecException e) {
            own.add(e.kind().hostLevel() ? Severity.UNREACHABLE : Severity.UNKNOWN, SUBJECT,
                    "weekly sync stopped: " + e.getMessage()).runbook(SnapraidRunbook.SYNC);
        } catch (UnparseableOutputException e) {
            own.unknown(SUBJECT, "weekly sync stopped: " + e.getMessage() + ": " + Excerpt.of(e.text()))
                    .runbook(SnapraidRunbook.SYNC);
        } catch (StoreException e) {
            own.unknown(SUBJECT, "weekly sync stopped: " + e.getMessage()).runbook(SnapraidRunbook.SYNC);
        }
        List<Finding> out = new ArrayList<>(own.list());
        out.addAll(steps);
        LOG.info("procedure finished procedure={} host={} severity={}", ID, host.name(),
                Severity.worst(out.stream().map(Finding::severity).toList()));
        return List.copyOf(out);
    }

    private void weekly(String host, Executor exec, ProcedureContext ctx, Findings own, List<Finding> steps)
            throws ExecException, InterruptedException, UnparseableOutputException, StoreException {
        // Preflight 1: another SnapRAID (a sync started by hand, last week's still running) owns the array.
        CommandOutput running = exec.run(Command.of("pgrep", "-x", "snapraid").withLabel("pgrep snapraid"));
        if (running.exitCode() == 0) {
            own.unknown(SUBJECT, "not synced: another SnapRAID run is active (pid " + running.stdout().strip().replace('\n', ' ')
                    + "); the next run tries again").runbook(SnapraidRunbook.ALREADY_IN_USE);
            return;
        }
        // Preflight 2: the configuration, content and parity files.
        CommandOutput conf = exec.run(Command.of("cat", policy.config()).withLabel("cat snapraid.conf").asRoot());
        if (conf.exitCode() != 0) {
            own.crit(SUBJECT, "not synced: cannot read " + policy.config() + ": " + Excerpt.of(conf.combined()))
                    .runbook(SnapraidRunbook.CONTENT_FILES);
            return;
        }
        SnapraidConf sc = SnapraidConf.parse(conf.stdout());
        if (!sc.gaps().isEmpty()) {
            own.crit(SUBJECT, "not synced: " + policy.config() + " has " + String.join(", ", sc.gaps()))
                    .runbook(SnapraidRunbook.CONTENT_FILES);
            return;
        }
        List<String> missingContent = missing(exec, sc.content());
        if (missingContent.size() == sc.content().size()) {
            own.crit(SUBJECT, "not synced: no content file is there (" + String.join(", ", missingContent)
                    + "); a sync now would start the array from empty").runbook(SnapraidRunbook.CONTENT_FILES);
            return;
        }
        List<String> missingParity = missing(exec, sc.parity());
        if (!missingParity.isEmpty()) {
            own.crit(SUBJECT, "not synced: parity file missing: " + String.join(", ", missingParity))
                    .runbook(SnapraidRunbook.MISSING_DISK);
            return;
        }
        // Preflight 3: how the last sync ended. Status reads only the content file.
        CommandOutput st = snapraid(exec, READ, ctx, "status");
        ArrayStatus before = StatusParser.parse(st.combined());
        if (before.problems().lockHeld()) {
            own.unknown(SUBJECT, "not synced: SnapRAID is already in use (its lock file is held); the next run tries again")
                    .runbook(SnapraidRunbook.ALREADY_IN_USE);
            return;
        }
        Optional<Integer> unfinished = before.synced().orElse(true) && before.syncPercent().isEmpty() ? Optional.empty()
                : Optional.of(before.syncPercent().orElse(0));

        // Diff, with the log tags on stderr so that every change names its disk.
        CommandOutput d = snapraid(exec, READ, ctx, "diff", "-l", ">&2");
        DiffReport diff = DiffParser.parse(d.combined());
        List<String> names = new ArrayList<>(diff.problems().missingDisks().stream().map(m -> m.name()).toList());
        names.addAll(emptied(before, diff).stream().filter(n -> !names.contains(n)).toList());
        if (!names.isEmpty()) {
            Map<String, DiskIdentity> ids = DiskIdentity.read(exec, sc);
            List<String> described = names.stream().map(n -> ids.containsKey(n) ? ids.get(n).describe() : n).toList();
            own.crit(SUBJECT, "not synced: data disk missing or empty: " + String.join("; ", described)
                    + "; a sync would drop its parity").runbook(SnapraidRunbook.MISSING_DISK);
            return;
        }
        if (!diff.problems().contentFailures().isEmpty() || diff.problems().lockHeld() || diff.counts().isEmpty()) {
            own.crit(SUBJECT, "not synced: snapraid diff failed: " + Excerpt.of(d.combined()))
                    .runbook(SnapraidRunbook.CONTENT_FILES);
            return;
        }
        DiffGuard.Assessment a = DiffGuard.assess(diff, policy);
        String earlier = unfinished.map(p -> "an earlier sync stopped at " + p + "% and was finished now; ").orElse("");
        if (a.empty() && unfinished.isEmpty()) {
            blocks.clear(host);
            own.ok(SUBJECT, "nothing changed since the last sync").metric("removed", 0);
            afterSync(exec, ctx, host, steps, sc);
            return;
        }
        if (!a.empty()) {
            Optional<SyncBlock> block = blocks.find(host);
            boolean approved = block.map(b -> b.approves(a.fingerprint(), ctx.now())).orElse(false);
            if (a.tripped() && !approved || block.isPresent() && !approved) {
                block(host, a, block, ctx, own);
                return;
            }
        }

        CommandOutput sync = ctx.runWatched(exec, command(ctx.left(SYNC), ctx, "sync"), host, "sync");
        RunReport r = RunParser.parse(RunReport.Command.SYNC, sync.combined());
        Findings sf = new Findings("snapraid-sync", host);
        RunEvaluation.evaluate(r, sf);
        steps.addAll(sf.list());
        boolean done = r.outcome() == RunReport.Outcome.OK || r.outcome() == RunReport.Outcome.NOTHING_TO_DO;
        Optional<SyncBlock> approvedBlock = blocks.find(host);
        if (done) {
            blocks.clear(host);
        }
        Severity sev = !done ? Severity.CRIT : unfinished.isPresent() ? Severity.WARN : Severity.OK;
        String by = approvedBlock.flatMap(SyncBlock::approvedBy).map(u -> " (approved by " + u + ")").orElse("");
        own.add(sev, SUBJECT, earlier + (done ? "synced" + by + ": " : "sync did not finish (" + r.outcome() + "): ") + a.counts())
                .metric("added", a.added()).metric("removed", a.removed()).metric("updated", a.updated()).metric("moved", a.moved())
                .metric("errors", r.errorTotal()).runbook(SnapraidRunbook.SYNC);
        afterSync(exec, ctx, host, steps, sc);
    }

    /**
     * Data disks whose every file the diff lists as removed: a disk that did not mount leaves an empty mount
     * point, and SnapRAID's diff does not always say so.
     */
    static List<String> emptied(ArrayStatus before, DiffReport diff) {
        List<String> out = new ArrayList<>();
        for (ArrayStatus.DiskRow row : before.disks()) {
            long removed = diff.changes().stream().filter(c -> c.kind().equals("remove") && c.disk().equals(row.name())).count();
            if (row.files() > 0 && removed >= row.files()) {
                out.add(row.name());
            }
        }
        return out;
    }

    private void block(String host, DiffGuard.Assessment a, Optional<SyncBlock> earlier, ProcedureContext ctx, Findings own)
            throws StoreException {
        SyncBlock b = earlier.filter(e -> e.fingerprint().equals(a.fingerprint()) && e.approvedUntil().isEmpty())
                .orElse(SyncBlock.blocked(host, a.fingerprint(), a.counts(), ctx.now()));
        blocks.put(b);
        String why = a.tripped() ? String.join(", ", a.trips())
                : earlier.flatMap(SyncBlock::approvedUntil).isPresent() && earlier.get().fingerprint().equals(a.fingerprint())
                ? "the approval ran out" : "the diff differs from the one blocked before";
        String where = a.topGroups().isEmpty() ? "" : "; most in " + String.join("; ", a.topGroups());
        own.warn(SUBJECT, "sync blocked: " + why + " (" + a.counts() + ")" + where
                        + "; approve this exact diff with /snapraid approve " + b.code())
                .metric("added", a.added()).metric("removed", a.removed()).metric("updated", a.updated()).metric("moved", a.moved())
                .runbook("runbook/snapraid#sync-blocked");
        LOG.warn("snapraid sync blocked host={} code={} removed={} updated={} moved={}", host, b.code(), a.removed(),
                a.updated(), a.moved());
    }

    private void afterSync(Executor exec, ProcedureContext ctx, String host, List<Finding> steps, SnapraidConf sc)
            throws ExecException, InterruptedException {
        CommandOutput st = snapraid(exec, ctx.left(READ), ctx, "status");
        Findings sf = new Findings("snapraid-status", host);
        try {
            StatusEvaluation.evaluate(StatusParser.parse(st.combined()), new Thresholds("snapraid", Map.of("scrub-max-age-days", 400.0)), sf);
        } catch (UnparseableOutputException e) {
            sf.unknown(SUBJECT, e.getMessage() + ": " + Excerpt.of(e.text()));
        }
        steps.addAll(sf.list());
        CommandOutput sm = snapraid(exec, ctx.left(SHORT.multipliedBy(5)), ctx, "smart");
        Findings mf = new Findings("snapraid-smart", host);
        try {
            SmartTableEvaluation.evaluate(SmartTableParser.parse(sm.combined()), mf);
        } catch (UnparseableOutputException e) {
            mf.unknown(SUBJECT, e.getMessage() + ": " + Excerpt.of(e.text()));
        }
        steps.addAll(identified(exec, sc, mf.list()));
    }

    /**
     * A disk that needs attention is named every way it goes by ("d3 = WDC WD40EFRX serial WD-123, /dev/sdc1,
     * branch /mnt/disk3"), so the drive pulled is the right one. Looked up only when something is wrong.
     */
    private static List<Finding> identified(Executor exec, SnapraidConf sc, List<Finding> findings)
            throws ExecException, InterruptedException {
        boolean needed = findings.stream().anyMatch(f -> f.severity() != Severity.OK && sc.data().containsKey(f.subject()));
        if (!needed) {
            return findings;
        }
        Map<String, DiskIdentity> ids = DiskIdentity.read(exec, sc);
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            DiskIdentity id = f.severity() == Severity.OK ? null : ids.get(f.subject());
            out.add(id == null ? f : new Finding(f.check(), f.host(), f.subject(), f.severity(),
                    f.message() + " (" + id.describe() + ")", f.metrics(), f.runbook()));
        }
        return out;
    }

    private CommandOutput snapraid(Executor exec, Duration timeout, ProcedureContext ctx, String... args)
            throws ExecException, InterruptedException {
        return exec.run(command(timeout, ctx, args));
    }

    private Command command(Duration timeout, ProcedureContext ctx, String... args) {
        List<String> argv = new ArrayList<>(List.of("snapraid", "-c", policy.config()));
        argv.addAll(List.of(args));
        return new Command(argv, ctx.left(timeout), "snapraid " + args[0], false).asRoot();
    }

    private static List<String> missing(Executor exec, List<String> paths) throws ExecException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (exec.run(Command.of("test", "-e", p).withLabel("test -e").asRoot()).exitCode() != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
