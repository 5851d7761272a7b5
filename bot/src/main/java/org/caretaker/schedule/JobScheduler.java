package org.caretaker.schedule;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.caretaker.job.JobInfo;
import org.caretaker.job.JobRunner;
import org.caretaker.job.Jobs;
import org.caretaker.store.Database;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled jobs with Quartz, its state kept in Caretaker's own database (the {@code QRTZ_} tables
 * of migration V2) so that schedules survive restarts: a fire missed while the bot was down runs once when it
 * is back ({@code misfire: run-once}), a run a crash interrupted is run again at start with
 * {@code recovering=true}, and a job never overlaps itself. The files are the truth: on {@link #start()} the
 * stored jobs are made to match them — a job gone from the folder is deleted, a changed cron rescheduled, and
 * an unchanged one left alone so a fire it missed is still noticed.
 *
 * <p>Quartz gets its dependencies through a {@link JobFactory} built here, never through static state. With
 * {@code clustered} and PostgreSQL several bot instances share the schedules with fail-over; an embedded H2
 * file belongs to one process, so keep {@code clustered} off there.
 */
public final class JobScheduler implements Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    static final String GROUP = "schedules";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * How the Quartz scheduler runs.
     *
     * @param instanceName     the scheduler's name in the QRTZ_ tables; instances sharing schedules share it
     * @param threadCount      how many jobs may run at the same time (different jobs; one job never overlaps itself)
     * @param misfireThreshold how late a fire may be before it counts as missed and its misfire policy applies
     * @param clustered        share the schedules with other instances on the same PostgreSQL database
     * @param instanceId       this node's id among the clustered ones; empty lets Quartz make one up
     * @param checkinInterval  how often a clustered node tells the others it is alive; a node silent for about
     *                         twice this plus 7.5 s is taken for dead and its jobs are recovered
     */
    public record Settings(String instanceName, int threadCount, Duration misfireThreshold, boolean clustered,
                           Optional<String> instanceId, Duration checkinInterval) {
        private static final Duration QUARTZ_CHECKIN = Duration.ofMillis(7500);
        public static final Settings DEFAULTS = new Settings("caretaker", 2, Duration.ofSeconds(60), false);

        public Settings {
            if (instanceName == null || !instanceName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("instance name must be letters, digits, . _ -, found '" + instanceName + "'");
            }
            if (threadCount < 1 || threadCount > 100) {
                throw new IllegalArgumentException("thread count must be between 1 and 100, found " + threadCount);
            }
            if (misfireThreshold.toMillis() < 1) {
                throw new IllegalArgumentException("misfire threshold must be positive, found " + misfireThreshold);
            }
            if (instanceId.isPresent() && !instanceId.get().matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("instance id must be letters, digits, . _ -, found '" + instanceId.get() + "'");
            }
            if (checkinInterval.toMillis() < 100) {
                throw new IllegalArgumentException("check-in interval must be at least 100ms, found " + checkinInterval);
            }
        }

        /** Settings with Quartz's own node id and check-in interval. */
        public Settings(String instanceName, int threadCount, Duration misfireThreshold, boolean clustered) {
            this(instanceName, threadCount, misfireThreshold, clustered, Optional.empty(), QUARTZ_CHECKIN);
        }

        /** These settings, clustered, as the node {@code id} that checks in every {@code checkinInterval}. */
        public Settings clusteredAs(String id, Duration checkinInterval) {
            return new Settings(instanceName, threadCount, misfireThreshold, true, Optional.of(id), checkinInterval);
        }
    }

    private final Database db;
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final JobRunner runner;
    private final HistoryStore history;
    private final Clock clock;
    private final Settings settings;
    private final RunningJobs running;
    private Scheduler quartz;

    public JobScheduler(Database db, List<Schedule> schedules, JobRunner runner, HistoryStore history, Clock clock, Settings settings) {
        this.db = db;
        for (Schedule s : schedules) {
            if (this.schedules.putIfAbsent(s.id(), s) != null) {
                throw new IllegalArgumentException("two schedules are called " + s.id());
            }
        }
        this.runner = runner;
        this.history = history;
        this.clock = clock;
        this.settings = settings;
        this.running = new RunningJobs(clock);
    }

    /**
     * Creates the Quartz scheduler on the database, makes its stored jobs match the schedule files, recovers
     * runs a crash interrupted, and starts firing.
     *
     * @throws SchedulerException when the database cannot be used or a scheduler is already running
     */
    public synchronized void start() throws SchedulerException {
        if (quartz != null && !quartz.isShutdown()) {
            throw new IllegalStateException("the scheduler is already started");
        }
        Scheduler existing = SchedulerRepository.getInstance().lookup(settings.instanceName());
        if (existing != null && !existing.isShutdown()) {
            throw new IllegalStateException("a scheduler named " + settings.instanceName() + " already runs in this process");
        }
        if (settings.clustered() && db.dialect() == Database.Dialect.H2) {
            LOG.warn("scheduler clustered on an embedded H2 database instance={}: other processes cannot share it; use PostgreSQL",
                    settings.instanceName());
        }
        String dataSource = settings.instanceName() + "-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new SharedPoolConnectionProvider(db.dataSource()));
        Scheduler s = new StdSchedulerFactory(properties(dataSource)).getScheduler();
        s.setJobFactory(jobFactory());
        try {
            synchronise(s);
            s.start();
        } catch (SchedulerException | RuntimeException e) {
            s.shutdown(false);
            throw e;
        }
        quartz = s;
        LOG.info("scheduler started instance={} node={} jobs={} threads={} clustered={}", settings.instanceName(),
                settings.instanceId().orElse("auto"), schedules.size(), settings.threadCount(), settings.clustered());
    }

    private Properties properties(String dataSource) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.instanceName());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, settings.instanceId()
                .orElse(settings.clustered() ? StdSchedulerFactory.AUTO_GENERATE_INSTANCE_ID : "NON_CLUSTERED"));
        p.setProperty("org.quartz.scheduler.threadName", settings.instanceName() + "-scheduler");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", settings.instanceName() + "-job");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", switch (db.dialect()) {
            case H2 -> StdJDBCDelegate.class.getName();
            case POSTGRESQL -> PostgreSQLDelegate.class.getName();
        });
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // Job data holds only strings (who started a run), stored as text rather than serialised Java objects.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireThreshold().toMillis()));
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
        if (settings.clustered()) {
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.checkinInterval().toMillis()));
            // An idle node looks for due fires as often as it checks in (Quartz waits 30 s by default), so a fire
            // another node asked for, or left behind when it died, is not kept waiting.
            p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(settings.checkinInterval().toMillis()));
            // Nodes take triggers under the database lock, so two never take the same fire.
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        return p;
    }

    private JobFactory jobFactory() {
        return (bundle, scheduler) -> {
            Class<?> type = bundle.getJobDetail().getJobClass();
            if (type != ScheduledRun.class) {
                throw new SchedulerException("not a Caretaker job: " + type.getName());
            }
            return new ScheduledRun(runner, running);
        };
    }

    /** Makes the stored jobs match the files without disturbing the ones that did not change. */
    private void synchronise(Scheduler s) throws SchedulerException {
        for (JobKey key : s.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!schedules.containsKey(key.getName())) {
                s.deleteJob(key);
                LOG.info("schedule removed job={}", key.getName());
            }
        }
        for (Schedule sched : schedules.values()) {
            CronTrigger wanted = trigger(sched);
            org.quartz.Trigger stored = s.getTrigger(wanted.getKey());
            if (stored instanceof CronTrigger c && same(c, wanted)) {
                continue;
            }
            if (stored != null) {
                s.rescheduleJob(stored.getKey(), wanted);
                LOG.info("schedule changed job={} cron=\"{}\" zone={}", sched.id(), sched.cron(), sched.zone());
            } else {
                JobDetail job = newJob(ScheduledRun.class)
                        .withIdentity(sched.id(), GROUP)
                        .withDescription(sched.description())
                        .requestRecovery(true)
                        .storeDurably()
                        .build();
                s.scheduleJob(job, Set.of(wanted), true);
                LOG.info("schedule added job={} cron=\"{}\" zone={}", sched.id(), sched.cron(), sched.zone());
            }
        }
    }

    private static boolean same(CronTrigger stored, CronTrigger wanted) {
        return stored.getCronExpression().equals(wanted.getCronExpression())
                && stored.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && stored.getMisfireInstruction() == wanted.getMisfireInstruction()
                && stored.getJobKey().equals(wanted.getJobKey());
    }

    static CronTrigger trigger(Schedule s) {
        CronScheduleBuilder cron = cronSchedule(s.cron()).inTimeZone(TimeZone.getTimeZone(s.zone()));
        cron = s.misfire() == MisfirePolicy.RUN_ONCE
                ? cron.withMisfireHandlingInstructionFireAndProceed()
                : cron.withMisfireHandlingInstructionDoNothing();
        return newTrigger()
                .withIdentity(s.id(), GROUP)
                .forJob(s.id(), GROUP)
                .withSchedule(cron)
                .build();
    }

    /**
     * Stops firing. With {@code waitForJobs} running jobs finish first; without, they are abandoned where they
     * are, and the next start re-runs them as recovered.
     */
    public synchronized void shutdown(boolean waitForJobs) {
        if (quartz == null) {
            return;
        }
        try {
            quartz.shutdown(waitForJobs);
            LOG.info("scheduler stopped instance={} waited={}", settings.instanceName(), waitForJobs);
        } catch (SchedulerException e) {
            LOG.warn("scheduler did not stop cleanly instance={} reason=\"{}\"", settings.instanceName(), e.getMessage());
        }
    }

    public synchronized boolean isRunning() {
        try {
            return quartz != null && quartz.isStarted() && !quartz.isShutdown() && !quartz.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    public Optional<Schedule> schedule(String id) {
        return Optional.ofNullable(schedules.get(id));
    }

    /** Every job with its next three fires (from its cron, in its zone) and its last run. */
    @Override
    public List<JobInfo> list() {
        Instant now = clock.instant();
        List<JobInfo> out = new ArrayList<>();
        for (Schedule s : schedules.values()) {
            List<Instant> next = paused(s.id()) ? List.of() : s.nextFires(now, 3);
            out.add(new JobInfo(s.id(), s.description(), s.cron(), s.zone().getId(), next, lastRun(s.id()), s.changesHosts()));
        }
        return out;
    }

    private synchronized boolean paused(String id) {
        if (!isRunning()) {
            return false;
        }
        try {
            return quartz.getTriggerState(TriggerKey.triggerKey(id, GROUP)) == org.quartz.Trigger.TriggerState.PAUSED;
        } catch (SchedulerException e) {
            return false;
        }
    }

    private Optional<RunRecord> lastRun(String id) {
        try {
            List<RunRecord> runs = history.runs(Optional.of(id), 1);
            return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
        } catch (StoreException e) {
            LOG.warn("cannot read the last run job={} reason=\"{}\"", id, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Starts a job now, under the same no-overlap rule as its schedule.
     *
     * @return "daily-sanity started", or "daily-sanity is already running (since 06:30)"
     * @throws IllegalArgumentException naming the known jobs when {@code jobId} is unknown
     */
    @Override
    public synchronized String start(String jobId, org.caretaker.job.Trigger trigger) {
        Schedule s = schedules.get(jobId);
        if (s == null) {
            throw new IllegalArgumentException("unknown job '" + jobId + "'; known: "
                    + (schedules.isEmpty() ? "none" : String.join(", ", schedules.keySet())));
        }
        Optional<Instant> since = running.since(jobId);
        if (since.isPresent()) {
            return jobId + " is already running (since " + when(since.get(), s) + ")";
        }
        if (!isRunning()) {
            return jobId + " cannot start: the scheduler is not running";
        }
        JobDataMap data = new JobDataMap();
        data.put(ScheduledRun.KIND, trigger.kind());
        data.put(ScheduledRun.BY, trigger.by());
        try {
            quartz.triggerJob(JobKey.jobKey(jobId, GROUP), data);
        } catch (SchedulerException e) {
            LOG.error("cannot start job={} trigger={} reason=\"{}\"", jobId, trigger.kind(), e.getMessage());
            return jobId + " cannot start: " + e.getMessage();
        }
        LOG.info("job started by hand job={} trigger={} by={}", jobId, trigger.kind(), trigger.by());
        return jobId + " started";
    }

    private String when(Instant at, Schedule s) {
        ZonedDateTime t = at.atZone(s.zone());
        return t.toLocalDate().equals(LocalDate.ofInstant(clock.instant(), s.zone())) ? HOUR.format(t) : DAY_HOUR.format(t);
    }
}
