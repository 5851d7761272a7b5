package org.caretaker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caretaker.alert.AlertEngine;
import org.caretaker.chat.AccessPolicy;
import org.caretaker.chat.AuditLog;
import org.caretaker.chat.ChatTerm;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.ProgressMessages;
import org.caretaker.chat.command.ChatCommands;
import org.caretaker.chat.console.ConsoleAdapter;
import org.caretaker.chat.console.ConsoleRenderer;
import org.caretaker.chat.discord.Completions;
import org.caretaker.cluster.InstanceRegistration;
import org.caretaker.cluster.LeaderElection;
import org.caretaker.cluster.LeaderLease;
import org.caretaker.cluster.LeaderWork;
import org.caretaker.concurrent.Threads;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ClusterConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.HostConfig;
import org.caretaker.diag.BootValidation;
import org.caretaker.diag.Diagnostics;
import org.caretaker.exec.SshPool;
import org.caretaker.http.StoreMetrics;
import org.caretaker.http.WebServer;
import org.caretaker.job.Pinger;
import org.caretaker.job.RunService;
import org.caretaker.maintenance.JdbcSyncBlocks;
import org.caretaker.maintenance.MaintenanceRuns;
import org.caretaker.maintenance.ProcedureCatalogue;
import org.caretaker.maintenance.ProcedureRunner;
import org.caretaker.maintenance.ProgressListener;
import org.caretaker.outbox.ChatSink;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.Retention;
import org.caretaker.publish.StatusPublisher;
import org.caretaker.report.Announcer;
import org.caretaker.report.DigestBuilder;
import org.caretaker.report.Reporter;
import org.caretaker.schedule.JobScheduler;
import org.caretaker.schedule.Schedule;
import org.caretaker.schedule.ScheduleLoader;
import org.caretaker.schedule.ScheduledJobs;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.serve.StaticSiteHandler;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot of {@code caretaker run}: every part wired by hand, then started in an order that keeps a
 * restart honest — interrupted runs are marked before the scheduler re-runs them, and the outbox delivers what
 * an earlier life queued before anything new is said.
 *
 * <p>A run flows one way (CONTRIBUTING.md, "One run, end to end"): {@link ScheduledJobs} → {@link RunService}
 * → {@link Announcer} → {@link Outbox} → the leader's {@link ChatTerm}.
 *
 * <p>With {@code cluster.enabled} instances share one PostgreSQL database: Quartz gives each fire to one of
 * them, and only the holder of the leader lease does the {@link LeaderWork}; a bot alone always leads.
 */
public final class Bot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);
    private static final Duration REMINDER_PERIOD = Duration.ofMinutes(1);
    private static final Duration PRUNE_PERIOD = Duration.ofHours(6);

    private final CaretakerConfig config;
    private final Database db;
    private final RunService runs;
    private final Announcer announcer;
    private final ScheduledJobs jobs;
    private final JobScheduler scheduler;
    private final CommandRouter router;
    private final ConsoleAdapter console;
    private final LeaderWork leader;
    private final Optional<LeaderElection> election;
    private final WebServer http;
    private final StatusPublisher publisher;
    private final Optional<SiteGenerator> site;
    /** Warm SSH connections shared by chat commands and scheduled runs; closed when the bot stops. */
    private final SshPool connections;
    /** Runs progress-message calls in order, off the threads that read a command's output. */
    private final ExecutorService progressThread = Executors.newSingleThreadExecutor(Threads.daemon("chat-progress"));
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(Threads.daemon("housekeeping"));

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
        Clock clock = caretaker.clock();
        List<Schedule> loaded = new ScheduleLoader(caretaker.catalogue().checkIds(), clock.getZone(), ScheduleLoader.Lab.of(config)).load(config.schedules());
        Map<String, Schedule> schedules = loaded.stream().collect(Collectors.toMap(Schedule::id, Function.identity()));
        ClusterConfig cluster = config.cluster();
        List<String> alertChannels = config.alerts().channels();
        this.db = Database.open(config.store());
        boolean built = false;
        try {
            JdbcHistoryStore history = new JdbcHistoryStore(db, cluster.enabled() ? Optional.of(cluster.instance()) : Optional.empty());
            AlertEngine alerts = new AlertEngine(db, config.alerts(), clock, config.hosts());
            Outbox outbox = new Outbox(db, clock);
            this.runs = new RunService(config, caretaker.catalogue(), caretaker.runner(history.memory()), history,
                    new Pinger(config.pings()), clock);
            this.announcer = new Announcer(new Reporter(new DigestBuilder(history, clock)), alerts, outbox::enqueue,
                    schedules.values().stream().collect(Collectors.toMap(Schedule::id,
                            s -> new Announcer.Route(s.report(), s.channelsOr(alertChannels)))), clock);
            JdbcSyncBlocks blocks = new JdbcSyncBlocks(db);
            MaintenanceRuns maintenance = new MaintenanceRuns(runs,
                    ProcedureCatalogue.standard(config.maintenance().weekly(), config.maintenance().monthly(), blocks, history),
                    new ProcedureRunner(caretaker.executors(), clock), config.hosts(), alertChannels, this::progress);
            this.jobs = new ScheduledJobs(schedules, runs, alerts, announcer, maintenance);
            this.scheduler = new JobScheduler(db, loaded, jobs, history, clock, cluster.enabled()
                    ? JobScheduler.Settings.DEFAULTS.clusteredAs(cluster.instance(), cluster.renewEvery())
                    : JobScheduler.Settings.DEFAULTS);
            AccessPolicy access = new AccessPolicy(config.access());
            CommandRegistry registry = ChatCommands.standard(config, new ChatCommands.Ports(history, runs, scheduler, alerts, maintenance,
                    blocks, new Diagnostics(config, caretaker.executors(), clock), runs::recordDiagnosis,
                    new BootValidation(caretaker.runner(history.memory()), caretaker.catalogue()), caretaker::discover), access, clock);
            this.router = new CommandRouter(registry, access, new AuditLog(db, clock), clock);
            this.console = config.chat().console() && consoleIn != null
                    ? new ConsoleAdapter(router, consoleIn, consoleOut, new ConsoleRenderer(),
                    () -> LOG.info("console input ended; the bot keeps running until it is stopped"), prompt)
                    : null;
            Completions completions = Completions.of(config.hosts().stream().map(HostConfig::name).toList(),
                    List.copyOf(new TreeSet<>(caretaker.catalogue().checkIds())), List.copyOf(new TreeSet<>(schedules.keySet())));
            List<ChatTerm.Chore> chores = List.of(new ChatTerm.Chore(announcer::remind, REMINDER_PERIOD, REMINDER_PERIOD),
                    new ChatTerm.Chore(new Retention(history, outbox, config.store().retention(), clock), Duration.ZERO, PRUNE_PERIOD));
            this.leader = new LeaderWork(() -> new ChatTerm(config.chat(), consoleSink(), router, registry, completions, outbox, clock,
                    chores, housekeeping), () -> consoleSink().stream().toList());
            this.election = cluster.enabled()
                    ? Optional.of(new LeaderElection(new LeaderLease(db, "chat", cluster.instance(), cluster.lease()), cluster.lease(), leader,
                    new InstanceRegistration(db, cluster.instance(), InstanceRegistration.thisProcess(), cluster.lease())))
                    : Optional.empty();
            this.http = new WebServer(config.http(), new StoreMetrics(history, List.copyOf(schedules.keySet()), outbox,
                    scheduler::isRunning, this::isLeader));
            this.site = config.site().flatMap(StatusPublisher::siteGenerator);
            if (site.isPresent()) {
                http.mount("/", new StaticSiteHandler(Files.createDirectories(config.site().get().out())));
            }
            this.publisher = new StatusPublisher(config, caretaker.catalogue(), history, scheduler, registry, clock,
                    config.store().dataDir().resolve("status.json"), site, alerts::acks);
            runs.addListener(announcer);
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
        // The election first: it refuses to start while a live process holds this instance's id.
        if (election.isPresent()) {
            election.get().start();
        } else {
            leader.begin();
        }
        for (RunRecord r : runs.abandonInterrupted()) {
            LOG.warn("run interrupted by a stop job={} run={} startedAt={}", r.job(), r.id(), r.startedAt());
            announcer.interrupted(r, "when the bot stopped");
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
        LOG.info("caretaker running hosts={} jobs={} http={}:{} cluster={} instance={} leader={}", config.hosts().size(), jobs.size(),
                config.http().host(), http.port(), config.cluster().enabled(), election.isPresent() ? config.cluster().instance() : "-", isLeader());
    }

    /** Whether this instance does the leader's work now; a bot alone always does. */
    public boolean isLeader() {
        return election.map(LeaderElection::isLeader).orElse(true);
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

    private Optional<ChatSink> consoleSink() {
        return Optional.ofNullable(console);
    }

    /** A procedure's progress, shown in these channels by the chat platforms this instance talks to now. */
    private ProgressListener progress(String job, List<String> channels) {
        return ProgressMessages.forChannels(job, channels, leader.sinks(), progressThread);
    }

    /** Stops taking work, lets the outbox deliver what it can, and closes the database last. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        // With no run going, wait for the scheduler's own bookkeeping so a finished run is not mistaken for an
        // interrupted one at the next start. A run still going (a scrub can take hours) is not waited for: it
        // is marked interrupted at the next start and the scheduler runs it again.
        scheduler.shutdown(!jobs.busy());
        connections.close();
        // The leader's term ends with one last outbox pass; with an election, the lease is given up after it.
        leader.end(true);
        election.ifPresent(LeaderElection::close);
        progressThread.shutdownNow();
        http.close();
        site.ifPresent(SiteGenerator::close);
        db.close();
        LOG.info("caretaker stopped");
    }
}
