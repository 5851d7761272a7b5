package org.caretaker.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.caretaker.concurrent.Threads;
import org.caretaker.config.BootLayers;
import org.caretaker.config.HostConfig;
import org.caretaker.config.RunnerConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.caretaker.exec.SshExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks over hosts: hosts × applicable checks, at most {@code concurrency} at once overall and
 * {@code perHost} at once on one host, all finished by the run deadline. It never throws for anything a
 * host does: a dead host, refused authentication, a refused host key, a hung command, unreadable output,
 * even a bug in a check — each becomes a finding.
 *
 * <p>Every host gets one {@code reachability} finding: OK with the connect time, or UNREACHABLE with the
 * reason; checks that could not run on an unreachable host are named in that finding, not repeated.
 */
public final class CheckRunner {
    public static final String REACHABILITY = BootLayers.REACHABILITY;
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    private final RunnerConfig limits;
    /** Lab-wide threshold overrides: check id → name → value. */
    private final Map<String, Map<String, Double>> thresholds;
    private final ExecutorFactory executors;
    private final CheckMemory memory;
    private final Clock clock;

    public CheckRunner(RunnerConfig limits, Map<String, Map<String, Double>> thresholds, ExecutorFactory executors, CheckMemory memory,
                       Clock clock) {
        this.limits = limits;
        this.thresholds = Map.copyOf(thresholds);
        this.executors = executors;
        this.memory = memory;
        this.clock = clock;
    }

    public Sweep run(List<HostConfig> hosts, List<Check> checks) throws InterruptedException {
        return run(hosts, checks, limits.deadline());
    }

    /** A sweep with its own deadline (a schedule may allow its run more or less time than the default). */
    public Sweep run(List<HostConfig> hosts, List<Check> checks, Duration deadline) throws InterruptedException {
        Instant started = clock.instant();
        long deadlineNanos = System.nanoTime() + deadline.toNanos();

        List<HostRun> runs = new ArrayList<>();
        for (HostConfig h : hosts) {
            List<Check> applicable = checks.stream().filter(c -> c.runsOn(h)).toList();
            runs.add(new HostRun(h, applicable, executors.open(h), new Semaphore(limits.perHost())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(limits.concurrency(), Threads.daemonNumbered("check"));
        Map<Task, Future<List<Finding>>> futures = new LinkedHashMap<>();
        Map<HostRun, Future<Finding>> reach = new LinkedHashMap<>();
        try {
            // Reachability first, one task per host: a dead host is found once, and its checks are not started.
            for (HostRun r : runs) {
                reach.put(r, pool.submit(() -> reachability(r)));
            }
            for (HostRun r : runs) {
                for (Check c : r.checks) {
                    Task t = new Task(r, c);
                    futures.put(t, pool.submit(() -> runTask(t, reach.get(r))));
                }
            }
            List<Finding> all = new ArrayList<>();
            for (HostRun r : runs) {
                Finding reachFinding = await(reach.get(r), deadlineNanos, () -> silentHost(r, deadline));
                all.add(reachFinding);
                boolean unreachable = reachFinding.severity() == Severity.UNREACHABLE;
                for (Check c : r.checks) {
                    Task t = new Task(r, c);
                    List<Finding> found = awaitList(futures.get(t), deadlineNanos, () -> List.of(deadlineFinding(r.host, c.id(), deadline)));
                    if (!unreachable) {
                        all.addAll(found);
                    }
                }
            }
            return new Sweep(started, clock.instant(), all);
        } finally {
            pool.shutdownNow();
            for (HostRun r : runs) {
                Future<Finding> reached = reach.get(r);
                if (reached == null || (reached.isDone() && !reached.isCancelled())) {
                    r.executor.close();
                } else {
                    closeLater(r);
                }
            }
        }
    }

    /**
     * A host still connecting at the deadline (it took the TCP handshake and never spoke) holds its executor
     * until the connect timeout, which may be longer than the sweep: close it off the sweep's thread, so the
     * sweep returns by its deadline and the executor still ends once the connect gives up.
     */
    private static void closeLater(HostRun r) {
        Thread t = new Thread(r.executor::close, "executor-close-" + r.host.name());
        t.setDaemon(true);
        t.start();
    }

    /** A host that did not even finish connecting within the sweep is unreachable, not merely late. */
    private static Finding silentHost(HostRun r, Duration deadline) {
        Findings f = new Findings(REACHABILITY, r.host.name());
        String skipped = r.checks.isEmpty() ? "" : "; not run: " + String.join(", ", r.checks.stream().map(Check::id).toList());
        f.add(Severity.UNREACHABLE, "-", r.host.target() + " did not answer within the run deadline (" + deadline.toSeconds() + " s)"
                + skipped).runbook(Runbook.HOST_UNREACHABLE);
        LOG.warn("host unreachable host={} kind=DEADLINE reason=\"no answer within the run deadline\"", r.host.name());
        return f.list().get(0);
    }

    private Finding reachability(HostRun r) {
        Findings f = new Findings(REACHABILITY, r.host.name());
        if (r.host.local()) {
            f.ok("-", "this machine (local executor)").runbook(Runbook.HOST_UNREACHABLE);
            return f.list().get(0);
        }
        long start = System.nanoTime();
        try {
            boolean kept = r.executor instanceof SshExecutor ssh && ssh.connect();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (kept) {
                // A kept connection made no handshake: a connect time of 0 ms would be a false figure.
                f.ok("-", "reached " + r.host.target() + " over SSH (connection kept open)").runbook(Runbook.HOST_UNREACHABLE);
            } else {
                f.ok("-", "reached " + r.host.target() + " over SSH in " + ms + " ms").metric("connect_ms", ms).runbook(Runbook.HOST_UNREACHABLE);
            }
        } catch (ExecException e) {
            String skipped = r.checks.isEmpty() ? "" : "; not run: " + String.join(", ", r.checks.stream().map(Check::id).toList());
            f.add(Severity.UNREACHABLE, "-", e.getMessage() + skipped).runbook(runbookFor(e.kind()));
            LOG.warn("host unreachable host={} kind={} reason=\"{}\"", r.host.name(), e.kind(), e.getMessage());
        }
        return f.list().get(0);
    }

    private List<Finding> runTask(Task t, Future<Finding> reach) throws Exception {
        Finding reached;
        try {
            reached = reach.get();
        } catch (java.util.concurrent.CancellationException e) {
            // The host's connect was cut at the deadline: the sweep reports it as unreachable.
            return List.of();
        }
        if (reached.severity() == Severity.UNREACHABLE) {
            return List.of();
        }
        HostRun r = t.run;
        r.slots.acquire();
        long start = System.nanoTime();
        EngineContext ctx = new EngineContext(r, t.check);
        List<Finding> out;
        try {
            out = t.check.run(ctx);
            if (out.isEmpty()) {
                out = single(r.host, t.check, Severity.OK, "nothing to report", "");
            }
        } catch (ToolMissingException e) {
            out = single(r.host, t.check, Severity.UNKNOWN,
                    e.getMessage() + " on " + r.host.name() + ": " + e.excerpt(), Runbook.TOOL_MISSING);
        } catch (UnparseableOutputException e) {
            CommandOutput last = ctx.last;
            if (last != null && last.timedOut()) {
                out = single(r.host, t.check, Severity.UNKNOWN, timedOut(ctx.lastCommand, last), Runbook.COMMAND_TIMEOUT);
            } else {
                String trunc = last != null && last.truncated() ? " (output was truncated at the cap)" : "";
                out = single(r.host, t.check, Severity.UNKNOWN, "could not read the output: " + e.getMessage() + trunc + ": " + e.excerpt(), Runbook.UNKNOWN_OUTPUT);
            }
        } catch (ExecException e) {
            Severity s = e.kind().hostLevel() ? Severity.UNREACHABLE : Severity.UNKNOWN;
            String runbook = e.kind() == ExecException.Kind.TIMEOUT ? Runbook.COMMAND_TIMEOUT : runbookFor(e.kind());
            out = single(r.host, t.check, s, e.getMessage(), runbook);
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("check failed check={} host={}", t.check.id(), r.host.name(), e);
            String excerpt = ctx.last == null ? "" : ": " + Excerpt.of(ctx.last.combined());
            out = single(r.host, t.check, Severity.UNKNOWN,
                    "the check failed unexpectedly (" + e.getClass().getSimpleName() + ")" + excerpt, Runbook.UNKNOWN_OUTPUT);
        } finally {
            r.slots.release();
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("check finished check={} host={} severity={} tookMs={}", t.check.id(), r.host.name(),
                    Severity.worst(out.stream().map(Finding::severity).toList()), (System.nanoTime() - start) / 1_000_000);
        }
        return out;
    }

    private static String timedOut(Command c, CommandOutput out) {
        String label = c == null ? "a command" : c.label();
        long secs = c == null ? 0 : c.timeoutSeconds();
        return label + " was killed after " + secs + " s on the host (a hung mount or device?)"
                + (out.combined().isBlank() ? "" : ": " + Excerpt.of(out.combined()));
    }

    private static List<Finding> single(HostConfig h, Check c, Severity s, String message, String runbook) {
        Findings f = new Findings(c.id(), h.name());
        f.add(s, "-", message).runbook(runbook);
        return f.list();
    }

    private static Finding deadlineFinding(HostConfig h, String check, Duration deadline) {
        Findings f = new Findings(check, h.name());
        f.unknown("-", "did not finish before the run deadline (" + deadline.toSeconds() + " s)").runbook(Runbook.COMMAND_TIMEOUT);
        return f.list().get(0);
    }

    private static String runbookFor(ExecException.Kind kind) {
        switch (kind) {
            case AUTH:
                return Runbook.AUTH_FAILED;
            case HOST_KEY:
                return Runbook.HOST_KEY_REFUSED;
            case TIMEOUT:
                return Runbook.COMMAND_TIMEOUT;
            default:
                return Runbook.HOST_UNREACHABLE;
        }
    }

    private static <T> T await(Future<T> f, long deadlineNanos, java.util.function.Supplier<T> late) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        try {
            return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return late.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("engine task failed", e.getCause());
        }
    }

    private static List<Finding> awaitList(Future<List<Finding>> f, long deadlineNanos, java.util.function.Supplier<List<Finding>> late) throws InterruptedException {
        return await(f, deadlineNanos, late);
    }

    private record Task(HostRun run, Check check) {
    }

    private static final class HostRun {
        final HostConfig host;
        final List<Check> checks;
        final Executor executor;
        final Semaphore slots;

        HostRun(HostConfig host, List<Check> checks, Executor executor, Semaphore slots) {
            this.host = host;
            this.checks = checks;
            this.executor = executor;
            this.slots = slots;
        }
    }

    /** The context one check gets; remembers the last command so failures can quote its output. */
    private final class EngineContext implements CheckContext {
        private final HostRun run;
        private final Check check;
        volatile Command lastCommand;
        volatile CommandOutput last;

        EngineContext(HostRun run, Check check) {
            this.run = run;
            this.check = check;
        }

        @Override
        public HostConfig host() {
            return run.host;
        }

        @Override
        public Thresholds thresholds() {
            return Thresholds.layered(check.id(), check.thresholdDefaults(),
                    thresholds.get(check.id()), run.host.thresholds().get(check.id()));
        }

        @Override
        public CommandOutput exec(Command command) throws ExecException, InterruptedException {
            lastCommand = command;
            CommandOutput out = run.executor.run(command);
            last = out;
            return out;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Optional<Instant> lastRun() {
            return memory.lastRun(run.host.name(), check.id());
        }

        @Override
        public OptionalDouble lastMetric(String subject, String metric) {
            return memory.lastMetric(run.host.name(), check.id(), subject, metric);
        }

        @Override
        public Findings findings() {
            return new Findings(check.id(), run.host.name());
        }
    }
}
