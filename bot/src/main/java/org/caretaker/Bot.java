package org.caretaker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.caretaker.alert.AlertEngine;
import org.caretaker.alert.Notification;
import org.caretaker.chat.AccessPolicy;
import org.caretaker.chat.AuditLog;
import org.caretaker.chat.ChatSink;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.ProgressMessages;
import org.caretaker.chat.command.AckCommand;
import org.caretaker.chat.command.CheckCommand;
import org.caretaker.chat.command.DiagCommand;
import org.caretaker.chat.command.HelpCommand;
import org.caretaker.chat.command.RunCommand;
import org.caretaker.chat.command.ScheduleCommand;
import org.caretaker.chat.command.SmartCommand;
import org.caretaker.chat.command.SnapraidCommand;
import org.caretaker.chat.command.StatusCommand;
import org.caretaker.chat.command.ValidateCommand;
import org.caretaker.chat.command.ZpoolCommand;
import org.caretaker.chat.console.ConsoleAdapter;
import org.caretaker.chat.console.ConsoleRenderer;
import org.caretaker.chat.discord.Completions;
import org.caretaker.chat.discord.DiscordAdapter;
import org.caretaker.chat.telegram.TelegramAdapter;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.cluster.LeaderElection;
import org.caretaker.cluster.LeaderLease;
import org.caretaker.cluster.Leadership;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ClusterConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.HostConfig;
import org.caretaker.config.SiteConfig;
import org.caretaker.diag.BootValidation;
import org.caretaker.diag.BundleArchive;
import org.caretaker.diag.Diagnosis;
import org.caretaker.diag.Diagnostics;
import org.caretaker.exec.SshPool;
import org.caretaker.http.HttpServer;
import org.caretaker.http.MetricsSource;
import org.caretaker.job.JobPlan;
import org.caretaker.job.Pinger;
import org.caretaker.job.RunOutcome;
import org.caretaker.job.RunService;
import org.caretaker.job.Trigger;
import org.caretaker.maintenance.JdbcSyncBlocks;
import org.caretaker.maintenance.MonthlyScrub;
import org.caretaker.maintenance.Procedure;
import org.caretaker.maintenance.ProcedureCatalogue;
import org.caretaker.maintenance.ProcedureRunner;
import org.caretaker.maintenance.ProgressListener;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.OutboxSender;
import org.caretaker.publish.StatusPublisher;
import org.caretaker.report.DigestBuilder;
import org.caretaker.report.Report;
import org.caretaker.report.ReportPolicy;
import org.caretaker.report.Reporter;
import org.caretaker.schedule.JobScheduler;
import org.caretaker.schedule.Schedule;
import org.caretaker.schedule.ScheduleLoader;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.SiteOptions;
import org.caretaker.site.serve.StaticSiteHandler;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot of {@code caretaker run}: the database, the history and alert state, the scheduler, the
 * chat adapters, the outbox sender and the HTTP server, wired by hand and started in an order that keeps
 * a restart honest — interrupted runs are marked before the scheduler re-runs them, and the outbox delivers
 * what an earlier life queued before anything new is said.
 *
 * <p>Every run, scheduled or asked for, flows the same way: {@link RunService} stores it, the
 * {@link AlertEngine} decides what is news, the {@link Reporter} turns that into a report under the job's
 * report policy, and the {@link Outbox} keeps it until each channel's platform has taken it.
 *
 * <p>With {@code cluster.enabled} several instances share one PostgreSQL database: Quartz gives each fire to
 * one of them, and only the instance holding the leader lease talks to the chat platforms, sends the outbox,
 * reminds and prunes — a {@link Term} of that work is built when it is elected and closed when it is not any
 * more. A bot alone is always leader, for one term that lasts its whole life.
 */
public final class Bot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);
    private static final Duration REMINDER_PERIOD = Duration.ofMinutes(1);
    private static final Duration PRUNE_PERIOD = Duration.ofHours(6);
    private static final Duration OUTBOX_KEEP = Duration.ofDays(30);

    private final CaretakerConfig config;
    private final Clock clock;
    private final Database db;
    private final JdbcHistoryStore history;
    private final Map<String, Schedule> schedules;
    private final AlertEngine alerts;
    private final Reporter reporter;
    private final Outbox outbox;
    private final RunService runs;
    private final JobScheduler scheduler;
    private final ClusterConfig cluster;
    /** Present when instances share the database: it starts and ends the terms. */
    private final Optional<LeaderElection> election;
    private final Object terms = new Object();
    /** The leader's work while this instance leads; null while it follows. */
    private volatile Term term;
    private final CommandRegistry registry;
    private final Completions completions;
    /** Runs progress-message calls in order, off the threads that read a command's output. */
    private final ExecutorService progressThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chat-progress");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer http;
    private final ConsoleAdapter console;
    private final CommandRouter router;
    private final StatusPublisher publisher;
    private final Optional<SiteGenerator> site;
    private final ProcedureCatalogue procedures;
    private final ProcedureRunner procedureRunner;
    /** Warm SSH connections shared by chat commands and scheduled runs; closed when the bot stops. */
    private final SshPool connections;
    private final AtomicInteger running = new AtomicInteger();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });

    /**
     * Builds every part; nothing runs until {@link #start()}.
     *
     * @param consoleIn  the console's input, or null for no console adapter
     * @param consoleOut where the console prints
     */
    public Bot(Caretaker oneShot, BufferedReader consoleIn, PrintStream consoleOut, boolean prompt)
            throws StoreException, ConfigException, IOException {
        this.connections = new SshPool(oneShot.config().runner());
        Caretaker caretaker = oneShot.withWarmConnections(connections);
        this.config = caretaker.config();
        this.clock = caretaker.clock();
        List<Schedule> loaded = new ScheduleLoader(caretaker.catalogue().checkIds(), clock.getZone()).load(config.schedules());
        this.schedules = loaded.stream().collect(Collectors.toMap(Schedule::id, Function.identity()));
        this.cluster = config.cluster();
        this.db = Database.open(config.store());
        boolean built = false;
        try {
            this.history = new JdbcHistoryStore(db, cluster.enabled() ? Optional.of(cluster.instance()) : Optional.empty());
            this.alerts = new AlertEngine(db, config.alerts(), clock, config.hosts());
            this.reporter = new Reporter(new DigestBuilder(history, clock));
            this.outbox = new Outbox(db, clock);
            this.runs = new RunService(config, caretaker.catalogue(), caretaker.runner(history.memory()), history,
                    new Pinger(config.pings()), clock);
            this.scheduler = new JobScheduler(db, loaded, this::runJob, history, clock, cluster.enabled()
                    ? JobScheduler.Settings.DEFAULTS.clusteredAs(cluster.instance(), cluster.renewEvery())
                    : JobScheduler.Settings.DEFAULTS);
            JdbcSyncBlocks blocks = new JdbcSyncBlocks(db);
            this.procedures = ProcedureCatalogue.standard(config.maintenance().weekly(), config.maintenance().monthly(), blocks, history);
            this.procedureRunner = new ProcedureRunner(caretaker.executors(), clock);

            this.registry = new CommandRegistry();
            AccessPolicy access = new AccessPolicy(config.access());
            registry.register(new StatusCommand(history, clock.getZone()))
                    .register(new CheckCommand(runs))
                    .register(new ScheduleCommand(scheduler))
                    .register(new RunCommand(scheduler))
                    .register(new AckCommand(alerts))
                    .register(new SnapraidCommand(runs, this::runProcedureNow, blocks, config.maintenance().weekly().approvalTtl(), clock))
                    .register(new ZpoolCommand(runs))
                    .register(new SmartCommand(runs))
                    .register(new DiagCommand(new Diagnostics(config, caretaker.executors(), clock), new BundleArchive(config.store().dataDir()),
                            this::recordDiagnosis))
                    .register(new ValidateCommand(new BootValidation(caretaker.runner(history.memory()), caretaker.catalogue()),
                            config.hosts(), config.validate()));
            registry.register(new HelpCommand(registry, access));
            this.router = new CommandRouter(registry, access, new AuditLog(db, clock), clock);

            if (config.chat().console() && consoleIn != null) {
                this.console = new ConsoleAdapter(router, consoleIn, consoleOut, new ConsoleRenderer(),
                        () -> LOG.info("console input ended; the bot keeps running until it is stopped"), prompt);
            } else {
                this.console = null;
            }
            this.completions = Completions.of(
                    config.hosts().stream().map(HostConfig::name).toList(),
                    List.copyOf(new TreeSet<>(caretaker.catalogue().checkIds())),
                    List.copyOf(new TreeSet<>(schedules.keySet())));
            this.election = cluster.enabled()
                    ? Optional.of(new LeaderElection(new LeaderLease(db, "chat", cluster.instance(), cluster.lease()), cluster.lease(),
                    new Leadership() {
                        @Override
                        public void elected() {
                            beginTerm();
                        }

                        @Override
                        public void deposed() {
                            endTerm(false);
                        }
                    }))
                    : Optional.empty();
            this.http = new HttpServer(config.http(), metrics());
            this.site = config.site().flatMap(this::siteGenerator);
            if (site.isPresent()) {
                Path out = Files.createDirectories(config.site().get().out());
                http.mount("/", new StaticSiteHandler(out));
            }
            this.publisher = new StatusPublisher(config, caretaker.catalogue(), history, scheduler, registry, clock,
                    config.store().dataDir().resolve("status.json"), site);
            runs.addListener(this::report);
            runs.addListener(outcome -> publisher.publish());
            built = true;
        } finally {
            if (!built) {
                connections.close();
                db.close();
            }
        }
    }

    /** Starts everything; returns once the bot is listening and the scheduler runs. */
    public void start() throws Exception {
        for (RunRecord r : runs.abandonInterrupted()) {
            LOG.warn("run interrupted by a stop job={} run={} startedAt={}", r.job(), r.id(), r.startedAt());
            announceInterrupted(r, "when the bot stopped");
        }
        if (election.isPresent()) {
            election.get().start();
        } else {
            beginTerm();
        }
        try {
            publisher.buildAll();
        } catch (StoreException | IOException | RuntimeException e) {
            LOG.error("cannot write the status snapshot or build the site reason=\"{}\"", e.getMessage());
        }
        http.start();
        scheduler.start();
        if (console != null) {
            console.start();
        }
        LOG.info("caretaker running hosts={} jobs={} http={}:{} cluster={} instance={} leader={}", config.hosts().size(), schedules.size(),
                config.http().host(), http.port(), cluster.enabled(), cluster.enabled() ? cluster.instance() : "-", isLeader());
    }

    /** Whether this instance does the leader's work now; a bot alone always does. */
    public boolean isLeader() {
        return election.map(LeaderElection::isLeader).orElse(true);
    }

    private void announceInterrupted(RunRecord r, String when) {
        announce(config.alerts().channels(), Report.text(r.job() + ": a run was interrupted " + when,
                Severity.WARN,
                "Run " + r.id() + " of " + r.job() + " started at " + r.startedAt()
                        + r.instance().map(i -> " on " + i).orElse("") + " and did not finish.",
                schedules.containsKey(r.job())
                        ? "The scheduler runs it again now."
                        : "It was asked for by " + r.triggeredBy() + "; ask again if it is still needed."));
    }

    /** Starts the leader's work: fresh chat adapters, the outbox sender, reminders and pruning. */
    private void beginTerm() {
        synchronized (terms) {
            if (term != null) {
                return;
            }
            Term t = new Term();
            t.start();
            term = t;
        }
    }

    /**
     * Ends the leader's work. {@code drain} gives the outbox one last pass on the way out; a leader that lost
     * its lease sends nothing more, for the next leader may already be sending.
     */
    private void endTerm(boolean drain) {
        synchronized (terms) {
            Term t = term;
            term = null;
            if (t != null) {
                t.stop(drain);
            }
        }
    }

    /** The sinks progress messages may go to: the leader's chat adapters, or on a follower its console only. */
    private List<ChatSink> progressSinks() {
        Term t = term;
        return t != null ? t.sinks : console == null ? List.of() : List.of(console);
    }

    /**
     * The work only the leader does, built anew for each term: a chat adapter once closed does not start
     * again, and a fresh one cannot carry anything over from a term that ended badly.
     */
    private final class Term {
        private final TelegramAdapter telegram;
        private final DiscordAdapter discord;
        private final OutboxSender sender;
        private final List<ChatSink> sinks;
        private final List<ScheduledFuture<?>> chores = new ArrayList<>();

        Term() {
            List<ChatSink> all = new ArrayList<>();
            if (console != null) {
                all.add(console);
            }
            this.telegram = config.chat().telegram().map(t -> new TelegramAdapter(t, router, registry)).orElse(null);
            if (telegram != null) {
                all.add(telegram);
            }
            this.discord = config.chat().discord().map(d -> new DiscordAdapter(d, router, registry, completions)).orElse(null);
            if (discord != null) {
                all.add(discord);
            }
            this.sinks = List.copyOf(all);
            this.sender = new OutboxSender(outbox, sinks, clock);
        }

        void start() {
            sender.start();
            if (telegram != null) {
                telegram.start();
            }
            if (discord != null) {
                discord.start();
            }
            long period = REMINDER_PERIOD.toSeconds();
            chores.add(housekeeping.scheduleAtFixedRate(Bot.this::remind, period, period, TimeUnit.SECONDS));
            chores.add(housekeeping.scheduleAtFixedRate(Bot.this::prune, 0, PRUNE_PERIOD.toSeconds(), TimeUnit.SECONDS));
        }

        void wake() {
            sender.wake();
        }

        void stop(boolean drain) {
            chores.forEach(c -> c.cancel(false));
            // The sender's thread stops first: a last pass beside it could send the message it is sending.
            sender.close();
            if (drain) {
                try {
                    sender.drainOnce();
                } catch (RuntimeException e) {
                    LOG.debug("last outbox pass failed: {}", e.toString());
                }
            }
            if (telegram != null) {
                telegram.close();
            }
            if (discord != null) {
                discord.close();
            }
        }
    }

    public int httpPort() {
        return http.port();
    }

    public CommandRouter router() {
        return router;
    }

    public JobScheduler scheduler() {
        return scheduler;
    }

    /** A runbook that does not build is logged, and the bot runs without its site rather than not at all. */
    private Optional<SiteGenerator> siteGenerator(SiteConfig c) {
        try {
            return Optional.of(SiteGenerator.load(new SiteOptions(c.content(), c.templates(), c.out(), null, null, 0, c.title())));
        } catch (RuntimeException e) {
            LOG.error("the runbook site is not built; the bot runs without it reason=\"{}\"", e.getMessage());
            return Optional.empty();
        }
    }

    /** What the scheduler calls: one run of a job, with the checks it disturbs silenced while it runs. */
    private void runJob(String jobId, Trigger trigger, boolean recovering) throws InterruptedException {
        Schedule s = schedules.get(jobId);
        if (s == null) {
            LOG.warn("scheduled job has no schedule file any more job={}", jobId);
            return;
        }
        running.incrementAndGet();
        if (recovering) {
            // Taken over from an instance that died: its run of this job is marked once, by whoever gets here first.
            for (RunRecord r : runs.abandonRecovered(jobId)) {
                LOG.warn("run interrupted on another instance job={} run={} instance={} startedAt={}", r.job(), r.id(),
                        r.instance().orElse("-"), r.startedAt());
                announceInterrupted(r, "when its instance stopped");
            }
        }
        if (!s.disturbs().isEmpty()) {
            alerts.silence(jobId, s.disturbs(), s.hosts());
        }
        try {
            ProgressListener progress = ProgressMessages.forChannels(jobId, channelsOf(s), progressSinks(), progressThread);
            runs.run(s.plan(), trigger, recovering, s.procedure().flatMap(procedures::procedure).map(p -> bound(p, progress)));
        } finally {
            alerts.endSilence(jobId);
            running.decrementAndGet();
        }
    }

    /**
     * A diagnostic is kept in the run history as a run of its own ({@code diag-freeze}) whose summary names its
     * conclusions and its bundle file. Its findings stay in the bundle and the answer: stored as findings they
     * would stand in the latest state beside the checks' own and go stale there.
     */
    private String recordDiagnosis(Diagnosis d, String requestedBy, Optional<Path> bundle) throws StoreException {
        Instant now = clock.instant();
        long id = history.startRun("diag-" + d.kind().id(), "chat", requestedBy, now);
        String summary = d.kind().id() + " on " + d.bundle().host() + ": " + d.worst().name()
                + bundle.map(b -> "; bundle " + b.getFileName()).orElse("");
        history.finishRun(id, clock.instant(), List.of(), "finished", summary);
        return "Stored as run " + id + ".";
    }

    /** A job's own channels, or the configuration's alert channels when it names none. */
    private List<String> channelsOf(Schedule s) {
        return s.channels().isEmpty() ? config.alerts().channels() : s.channels();
    }

    private RunService.Maintenance bound(Procedure p, ProgressListener progress) {
        return (hosts, deadline) -> procedureRunner.run(p, hosts, deadline, progress);
    }

    /**
     * {@code /snapraid sync} and friends: a procedure now, on one host or every host it is for; its progress
     * goes to the alert channels.
     */
    private List<Finding> runProcedureNow(String id, Optional<String> host, Trigger trigger) throws InterruptedException {
        Procedure p = procedures.procedure(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown procedure '" + id + "'; known: " + String.join(", ", procedures.ids())));
        Predicate<HostConfig> forIt = h -> h.tags().contains("snapraid") || (id.equals(MonthlyScrub.ID) && h.tags().contains("zfs"));
        if (host.isPresent()) {
            HostConfig named = config.host(host.get()).orElseThrow(() -> new IllegalArgumentException("unknown host '" + host.get()
                    + "'; configured: " + String.join(", ", config.hosts().stream().map(HostConfig::name).toList())));
            if (!forIt.test(named)) {
                throw new IllegalArgumentException(named.name() + " is not tagged snapraid" + (id.equals(MonthlyScrub.ID) ? " or zfs" : ""));
            }
        }
        JobPlan plan = new JobPlan(id, List.of(), h -> forIt.test(h) && host.map(h.name()::equals).orElse(true), Optional.empty());
        ProgressListener progress = ProgressMessages.forChannels(id, config.alerts().channels(), progressSinks(), progressThread);
        return runs.run(plan, trigger, false, Optional.of(bound(p, progress))).sweep().findings();
    }

    /**
     * After every run: what is news, as a report under the job's policy, to the job's channels — or, for a
     * job that names none and for on-demand runs, to the configuration's alert channels.
     */
    private void report(RunOutcome outcome) throws StoreException {
        List<Notification> news = alerts.afterRun(outcome);
        Optional<Schedule> schedule = Optional.ofNullable(schedules.get(outcome.plan().job()));
        ReportPolicy policy = schedule.map(Schedule::report).orElse(ReportPolicy.CHANGES);
        List<String> channels = schedule.map(this::channelsOf).orElse(config.alerts().channels());
        Optional<Report> report = reporter.afterRun(policy, outcome, news);
        if (report.isPresent()) {
            announce(channels, report.get());
        }
    }

    private void remind() {
        try {
            reporter.reminders(alerts.reminders(clock.instant())).ifPresent(r -> announce(config.alerts().channels(), r));
        } catch (StoreException | RuntimeException e) {
            LOG.warn("reminders failed reason=\"{}\"", e.getMessage());
        }
    }

    private void prune() {
        Instant now = clock.instant();
        try {
            int runsRemoved = history.prune(now.minus(config.store().retention()));
            int sent = outbox.prune(now.minus(OUTBOX_KEEP));
            if (runsRemoved > 0 || sent > 0) {
                LOG.info("retention pruned runs={} deliveredMessages={}", runsRemoved, sent);
            }
        } catch (StoreException | RuntimeException e) {
            LOG.warn("retention failed reason=\"{}\"", e.getMessage());
        }
    }

    /** Queues a report for each channel; the sender delivers it when the platform takes it. */
    private void announce(List<String> channels, Report report) {
        for (String channel : channels) {
            try {
                outbox.enqueue(channel, report);
            } catch (StoreException e) {
                LOG.error("cannot queue a report channel={} title=\"{}\" reason=\"{}\"", channel, report.title(), e.getMessage());
            }
        }
        Term t = term;
        if (t != null) {
            t.wake();
        }
    }

    private MetricsSource metrics() {
        return new MetricsSource() {
            @Override
            public List<StoredState> states() throws StoreException {
                return history.latest();
            }

            @Override
            public List<String> jobs() {
                return schedules.keySet().stream().sorted().toList();
            }

            @Override
            public Optional<RunRecord> lastRun(String job) throws StoreException {
                return history.runs(Optional.of(job), 1).stream().findFirst();
            }

            @Override
            public Optional<RunRecord> lastSuccess(String job) throws StoreException {
                return history.runs(Optional.of(job), 50).stream().filter(r -> r.status().equals("finished")).findFirst();
            }

            @Override
            public int outboxDepth() throws StoreException {
                return outbox.depth();
            }

            @Override
            public boolean schedulerRunning() {
                return scheduler.isRunning();
            }

            @Override
            public boolean leader() {
                return isLeader();
            }
        };
    }

    /** Stops taking work, lets the outbox deliver what it can, and closes the database last. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        // With no run going, wait for the scheduler's own bookkeeping so a finished run is not mistaken for an
        // interrupted one at the next start. A run still going (a scrub can take hours) is not waited for: it
        // is marked interrupted at the next start and the scheduler runs it again.
        scheduler.shutdown(running.get() == 0);
        connections.close();
        // The leader's term ends with one last outbox pass; with an election, the lease is given up after it.
        endTerm(true);
        election.ifPresent(LeaderElection::close);
        progressThread.shutdownNow();
        http.close();
        site.ifPresent(SiteGenerator::close);
        db.close();
        LOG.info("caretaker stopped");
    }
}
