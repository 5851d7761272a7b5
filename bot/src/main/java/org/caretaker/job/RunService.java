package org.caretaker.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.HostConfig;
import org.caretaker.diag.Diagnosis;
import org.caretaker.retry.Backoff;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.caretaker.store.StoreException;
import org.caretaker.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks for a job or for someone who asked, and remembers them: records the run, sweeps, stores the
 * findings with their transitions, then tells the listeners (alerts, reports, the site). A database that is
 * away when the run ends is waited for (bounded), so its report comes late rather than never. A store that
 * stays broken or a failing listener is logged and pinged as a failure; it never escapes into the scheduler.
 */
public final class RunService implements Checks {
    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    /** How long a finished run waits in memory for the database before it is given up. */
    static final Duration STORE_PATIENCE = Duration.ofMinutes(10);
    private static final Backoff STORE_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final CaretakerConfig config;
    private final Catalogue catalogue;
    private final CheckRunner runner;
    private final HistoryStore store;
    private final Pinger pinger;
    private final Clock clock;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

    public RunService(CaretakerConfig config, Catalogue catalogue, CheckRunner runner, HistoryStore store, Pinger pinger, Clock clock) {
        this.config = config;
        this.catalogue = catalogue;
        this.runner = runner;
        this.store = store;
        this.pinger = pinger;
        this.clock = clock;
    }

    /** A maintenance procedure bound to its runner: what {@link #run(JobPlan, Trigger, boolean, Optional)} calls. */
    @FunctionalInterface
    public interface Maintenance {
        Sweep run(List<HostConfig> hosts, Duration deadline) throws InterruptedException;
    }

    public void addListener(RunListener l) {
        listeners.add(l);
    }

    /** Runs a plan to the end; the outcome says whether the store kept it. */
    public RunOutcome run(JobPlan plan, Trigger trigger, boolean recovering) throws InterruptedException {
        return run(plan, trigger, recovering, Optional.empty());
    }

    /**
     * Runs a plan with a maintenance procedure first (a SnapRAID sync, a scrub): the procedure's findings and
     * the checks' are stored and reported as one run.
     */
    public RunOutcome run(JobPlan plan, Trigger trigger, boolean recovering, Optional<Maintenance> procedure) throws InterruptedException {
        List<HostConfig> hosts = config.hosts().stream().filter(plan.hosts()).toList();
        List<Check> checks = resolveChecks(plan.checks());
        pinger.start(plan.job());
        long runId = -1;
        Optional<String> error = Optional.empty();
        Instant startedAt = clock.instant();
        try {
            runId = store.startRun(plan.job(), trigger.kind(), trigger.by(), startedAt);
        } catch (StoreException e) {
            // The checks do not need the database: run them, and record the run once it answers again.
            LOG.warn("cannot record the start of a run; it goes on job={} reason=\"{}\"", plan.job(), e.getMessage());
        }
        Sweep sweep;
        try {
            sweep = sweep(plan, hosts, checks, procedure);
        } catch (RuntimeException e) {
            failed(plan, runId, e);
            throw e;
        }
        sweep = withNotChecked(plan, hosts, checks, sweep);
        Stored stored = keep(plan, trigger, runId, startedAt, sweep);
        runId = stored.runId();
        List<Transition> transitions = stored.transitions();
        error = stored.error();
        RunOutcome outcome = new RunOutcome(runId, plan, trigger, recovering, sweep, transitions, error);
        for (RunListener l : listeners) {
            try {
                l.finished(outcome);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                LOG.error("run listener failed job={} run={} listener={}", plan.job(), runId, l.getClass().getSimpleName(), e);
                error = Optional.of("reporting failed: " + e.getMessage());
            }
        }
        LOG.info("run finished job={} run={} trigger={} worst={} findings={} transitions={} tookMs={}", plan.job(), runId,
                trigger.kind(), sweep.worst(), sweep.findings().size(), transitions.size(), sweep.took().toMillis());
        if (error.isPresent()) {
            pinger.fail(plan.job(), error.get());
        } else {
            pinger.success(plan.job(), summary(sweep));
        }
        return outcome;
    }

    private Sweep sweep(JobPlan plan, List<HostConfig> hosts, List<Check> checks, Optional<Maintenance> procedure) throws InterruptedException {
        if (procedure.isPresent()) {
            Duration deadline = plan.deadline().orElse(config.runner().deadline());
            Sweep done = procedure.get().run(hosts, deadline);
            Sweep after = checks.isEmpty() ? new Sweep(done.finished(), done.finished(), List.of())
                    : runner.run(checked(hosts, checks), checks, deadline);
            List<Finding> all = new ArrayList<>(done.findings());
            all.addAll(after.findings());
            return new Sweep(done.started(), after.finished(), all);
        }
        return plan.deadline().isPresent()
                ? runner.run(checked(hosts, checks), checks, plan.deadline().get())
                : runner.run(checked(hosts, checks), checks);
    }

    /** A run whose sweep threw is stored as FAILED, so its history never shows it as still running or as OK. */
    private void failed(JobPlan plan, long runId, RuntimeException e) {
        LOG.error("run failed job={} run={}", plan.job(), runId, e);
        pinger.fail(plan.job(), "the run failed: " + e);
        if (runId < 0) {
            return;
        }
        try {
            store.finishRun(runId, clock.instant(), List.of(), RunStatus.FAILED, "the run failed: " + e,
                    Optional.of(new HistoryStore.Outcome(Severity.UNKNOWN, 0)));
        } catch (StoreException se) {
            LOG.warn("cannot store a failed run job={} run={} reason=\"{}\"", plan.job(), runId, se.getMessage());
        }
    }

    @Override
    public List<Finding> runNow(String check, Optional<String> host, Trigger trigger) throws InterruptedException {
        if (!check.equals("all") && catalogue.check(check).isEmpty()) {
            throw new IllegalArgumentException("unknown check '" + check + "'; known: all, "
                    + String.join(", ", catalogue.checks().stream().map(Check::id).toList()));
        }
        if (host.isPresent() && config.host(host.get()).isEmpty()) {
            throw new IllegalArgumentException("unknown host '" + host.get() + "'; configured: "
                    + String.join(", ", config.hosts().stream().map(HostConfig::name).toList()));
        }
        List<Check> checks = resolveChecks(List.of(check));
        // A host named on purpose stays in the plan even when the check does not apply to it: the answer then
        // says so, instead of "no host matched" about a host that exists.
        JobPlan plan = new JobPlan("check", List.of(check),
                h -> host.map(h.name()::equals).orElse(checks.stream().anyMatch(c -> c.runsOn(h))),
                Optional.empty(), host.map(h -> "host " + h).orElse("the hosts " + check + " applies to"));
        return run(plan, trigger, false).sweep().findings();
    }

    /** The hosts some check applies to: a host with nothing to check gets no reachability line to pass for an OK. */
    private static List<HostConfig> checked(List<HostConfig> hosts, List<Check> checks) {
        return hosts.stream().filter(h -> checks.stream().anyMatch(c -> c.runsOn(h))).toList();
    }

    /**
     * Adds what this run could not check: the job matched no host, or a check it names applies to none of them.
     * A plan of {@code all} checks means "whatever applies", so only its hosts are judged.
     */
    private Sweep withNotChecked(JobPlan plan, List<HostConfig> hosts, List<Check> checks, Sweep sweep) {
        List<Finding> missing;
        boolean anyCheck = plan.checks().contains("all");
        if (hosts.isEmpty() && !anyCheck && !checks.isEmpty()
                && checks.stream().noneMatch(c -> config.hosts().stream().anyMatch(c::runsOn))) {
            // No host of the lab has what these checks need: that, not the job's hosts, is what to fix.
            missing = NotChecked.of(config.hosts(), checks);
        } else if (hosts.isEmpty()) {
            missing = List.of(NotChecked.finding(plan.job(), "not checked: no host matches " + plan.which()
                    + "; add it to a host in the configuration, or change the job's hosts"));
        } else if (anyCheck) {
            missing = List.of();
        } else {
            missing = NotChecked.of(hosts, checks);
        }
        if (missing.isEmpty()) {
            return sweep;
        }
        List<Finding> all = new ArrayList<>(sweep.findings());
        all.addAll(missing);
        return new Sweep(sweep.started(), sweep.finished(), all);
    }

    private record Stored(long runId, List<Transition> transitions, Optional<String> error) {
    }

    /**
     * Stores a finished run, waiting for a database that is away (restarted, failed over) with a backoff of
     * 1 s doubling up to 30 s, for at most {@link #STORE_PATIENCE}. The run's findings are only in memory
     * until then, and the listeners (alerts, reports) are told only once they are stored, so an outage of
     * the database delays a report instead of losing it. After that long the run is given up loudly.
     */
    private Stored keep(JobPlan plan, Trigger trigger, long runId, Instant startedAt, Sweep sweep) throws InterruptedException {
        long id = runId;
        long giveUpAt = System.nanoTime() + STORE_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                if (id < 0) {
                    id = store.startRun(plan.job(), trigger.kind(), trigger.by(), startedAt);
                }
                List<Transition> transitions = store.finishRun(id, sweep.finished(), sweep.findings(), RunStatus.FINISHED, summary(sweep));
                if (attempt > 1) {
                    LOG.info("run stored once the database answered again job={} run={} attempts={}", plan.job(), id, attempt);
                }
                return new Stored(id, transitions, Optional.empty());
            } catch (StoreException e) {
                Duration wait = STORE_RETRY.after(attempt);
                if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                    LOG.error("run not stored: the database did not answer for {} s job={} run={} worst={} summary=\"{}\" reason=\"{}\"",
                            STORE_PATIENCE.toSeconds(), plan.job(), id, sweep.worst(), summary(sweep), e.getMessage());
                    return new Stored(id, List.of(), Optional.of(e.getMessage()));
                }
                LOG.warn("cannot store a finished run; trying again job={} run={} attempt={} retryInMs={} reason=\"{}\"",
                        plan.job(), id, attempt, wait.toMillis(), e.getMessage());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    /**
     * Marks runs that were still going when this bot stopped (a crash, a power cut) as abandoned, so history
     * shows them honestly; the scheduler then re-runs the interrupted job. With instances sharing the
     * database, only this instance's runs: a peer's run that is still going is none of its business.
     *
     * @return the runs this call marked, to be announced once
     */
    public List<RunRecord> abandonInterrupted() {
        try {
            return abandon(store.ownRunning(), "the bot stopped while this run was going");
        } catch (StoreException e) {
            LOG.warn("cannot look for interrupted runs reason=\"{}\"", e.getMessage());
            return List.of();
        }
    }

    /**
     * Marks the runs of a job that another instance left running as abandoned: called when this instance
     * runs the job as recovered from an instance that died. The mark is conditional, so when two instances
     * try, one wins and only its list holds the run.
     *
     * @return the runs this call marked, to be announced once
     */
    public List<RunRecord> abandonRecovered(String job) {
        try {
            return abandon(store.othersRunning(job), "the instance running it stopped; another instance runs the job again");
        } catch (StoreException e) {
            LOG.warn("cannot look for interrupted runs job={} reason=\"{}\"", job, e.getMessage());
            return List.of();
        }
    }

    private List<RunRecord> abandon(List<RunRecord> running, String reason) throws StoreException {
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : running) {
            if (store.abandonRun(r.id(), clock.instant(), reason)) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Check> resolveChecks(List<String> ids) {
        if (ids.contains("all")) {
            return catalogue.checks();
        }
        List<Check> out = new ArrayList<>();
        for (String id : ids) {
            catalogue.check(id).ifPresent(out::add);
        }
        return out;
    }

    static String summary(Sweep sweep) {
        int[] counts = new int[Severity.values().length];
        for (Finding f : sweep.findings()) {
            counts[f.severity().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder();
        for (Severity s : Severity.values()) {
            if (counts[s.ordinal()] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(counts[s.ordinal()]).append(' ').append(s.name());
            }
        }
        return sb.length() == 0 ? "no findings" : sb.toString();
    }

    /**
     * Keeps a diagnostic in the run history as a run of its own ({@code diag-freeze}) whose summary names its
     * conclusions and its bundle file. Its findings stay in the bundle and the answer: stored as findings they
     * would stand in the latest state beside the checks' own and go stale there.
     *
     * @return a sentence for the user naming the stored run
     */
    public String recordDiagnosis(Diagnosis d, String requestedBy, Optional<Path> bundle) throws StoreException {
        long id = store.startRun("diag-" + d.kind().id(), "chat", requestedBy, clock.instant());
        String summary = d.kind().id() + " on " + d.bundle().host() + ": " + d.worst().name()
                + bundle.map(b -> "; bundle " + b.getFileName()).orElse("");
        store.finishRun(id, clock.instant(), List.of(), RunStatus.FINISHED, summary,
                Optional.of(new HistoryStore.Outcome(d.worst(), d.findings().size())));
        return "Stored as run " + id + ".";
    }
}
