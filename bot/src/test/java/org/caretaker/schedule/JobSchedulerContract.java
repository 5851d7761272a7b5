package org.caretaker.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Trigger;
import org.caretaker.report.ReportPolicy;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the scheduler promises, run against every database it supports (an H2 file, PostgreSQL); the job
 * runner is a recording fake.
 */
abstract class JobSchedulerContract {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private StoreConfig store;
    private final List<JobScheduler> schedulers = new ArrayList<>();
    private final List<RecordingRunner> runners = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();

    /** A fresh, empty database for one test; opening it twice reaches the same data. */
    abstract StoreConfig freshStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = freshStore();
    }

    @AfterEach
    void tearDown() {
        runners.forEach(RecordingRunner::release);
        schedulers.forEach(s -> s.shutdown(true));
        databases.forEach(Database::close);
    }

    private Database open() throws Exception {
        Database db = Database.open(store);
        databases.add(db);
        return db;
    }

    private JobScheduler scheduler(Database db, List<Schedule> schedules, RecordingRunner runner, Clock clock,
                                   JobScheduler.Settings settings) {
        runners.add(runner);
        JobScheduler s = new JobScheduler(db, schedules, runner, new JdbcHistoryStore(db), clock, settings);
        schedulers.add(s);
        return s;
    }

    private JobScheduler scheduler(Database db, List<Schedule> schedules, RecordingRunner runner) {
        return scheduler(db, schedules, runner, Clock.systemUTC(), JobScheduler.Settings.DEFAULTS);
    }

    static Schedule schedule(String id, String cron, ZoneId zone, MisfirePolicy misfire) {
        return new Schedule(id, id + " job", cron, zone, List.of("all"), HostSelector.EVERY_HOST, List.of("console:local"),
                ReportPolicy.CHANGES, misfire, false, List.of(), Optional.empty());
    }

    /** A daily cron half a day away from now, so it never fires on its own during a test. */
    static String farAwayDaily() {
        int hour = (ZonedDateTime.now(ZoneOffset.UTC).getHour() + 12) % 24;
        return "0 0 " + hour + " * * ?";
    }

    private static long nextFireTime(Database db, String id) {
        return queryLong(db, "SELECT NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = '" + id + "'");
    }

    private static long firedTriggers(Database db) {
        return queryLong(db, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS");
    }

    private static long queryLong(Database db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> strings(Database db, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Pretends the bot was down: the stored trigger's next fire lies {@code ago} in the past. */
    private static void missedSince(Database db, String id, Duration ago) throws Exception {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_NAME = ?")) {
            p.setLong(1, Instant.now().minus(ago).toEpochMilli());
            p.setString(2, id);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void fireMissedWhileStopped_runsOnceAtStart() throws Exception {
        Database db = open();
        Schedule daily = schedule("daily", farAwayDaily(), UTC, MisfirePolicy.RUN_ONCE);
        JobScheduler first = scheduler(db, List.of(daily), RecordingRunner.quick());
        first.start();
        first.shutdown(true);
        missedSince(db, "daily", Duration.ofDays(3));
        RecordingRunner runner = RecordingRunner.quick();

        scheduler(db, List.of(daily), runner).start();

        runner.awaitCalls(1);
        await("the trigger is due again tomorrow").atMost(WAIT).until(() -> nextFireTime(db, "daily") > System.currentTimeMillis());
        await("the run is finished").atMost(WAIT).until(() -> firedTriggers(db) == 0);
        assertThat(runner.calls()).containsExactly(new RecordingRunner.Call("daily", Trigger.schedule("daily"), false));
    }

    @Test
    void fireMissedWhileStopped_withSkip_waitsForItsNextTime() throws Exception {
        Database db = open();
        Schedule scrub = schedule("scrub", farAwayDaily(), UTC, MisfirePolicy.SKIP);
        JobScheduler first = scheduler(db, List.of(scrub), RecordingRunner.quick());
        first.start();
        first.shutdown(true);
        missedSince(db, "scrub", Duration.ofDays(3));
        RecordingRunner runner = RecordingRunner.quick();

        scheduler(db, List.of(scrub), runner).start();

        await("the missed fire is handled").atMost(WAIT).until(() -> nextFireTime(db, "scrub") > System.currentTimeMillis());
        assertThat(nextFireTime(db, "scrub")).isEqualTo(scrub.nextFires(Instant.now(), 1).get(0).toEpochMilli());
        assertThat(runner.calls()).isEmpty();
    }

    @Test
    void startingARunningJob_saysSinceWhen_andDoesNotStartASecondRun() throws Exception {
        Database db = open();
        RecordingRunner runner = RecordingRunner.holding(1);
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T06:30:00Z"), UTC);
        JobScheduler scheduler = scheduler(db, List.of(schedule("daily-sanity", farAwayDaily(), UTC, MisfirePolicy.RUN_ONCE)),
                runner, clock, JobScheduler.Settings.DEFAULTS);
        scheduler.start();

        assertThat(scheduler.start("daily-sanity", Trigger.chat("telegram:42"))).isEqualTo("daily-sanity started");
        runner.awaitCalls(1);
        assertThat(scheduler.start("daily-sanity", Trigger.chat("discord:7"))).isEqualTo("daily-sanity is already running (since 06:30)");
        runner.release();
        await("the run is finished").atMost(WAIT).until(() -> firedTriggers(db) == 0 && runner.idle());
        assertThat(scheduler.start("daily-sanity", Trigger.chat("discord:7"))).isEqualTo("daily-sanity started");

        assertThat(runner.awaitCalls(2)).containsExactly(
                new RecordingRunner.Call("daily-sanity", new Trigger("chat", "telegram:42"), false),
                new RecordingRunner.Call("daily-sanity", new Trigger("chat", "discord:7"), false));
        assertThat(runner.mostAtOnce()).isEqualTo(1);
    }

    @Test
    void cronFiringDuringARun_neverStartsASecondOneAtTheSameTime() throws Exception {
        Database db = open();
        RecordingRunner runner = RecordingRunner.holding(1);
        JobScheduler scheduler = scheduler(db, List.of(schedule("busy", "* * * * * ?", UTC, MisfirePolicy.RUN_ONCE)), runner,
                Clock.systemUTC(), new JobScheduler.Settings("caretaker", 4, Duration.ofSeconds(1), false));
        scheduler.start();

        runner.awaitCalls(1);
        // the cron comes due two or three times while the first run holds
        await("no second run while the first holds").during(Duration.ofMillis(2500)).atMost(WAIT)
                .until(() -> runner.calls().size() == 1);
        runner.release();
        runner.awaitCalls(3);

        assertThat(runner.mostAtOnce()).isEqualTo(1);
    }

    @Test
    void aRunThatThrows_keepsItsSchedule() throws Exception {
        Database db = open();
        RecordingRunner runner = RecordingRunner.failing(n -> switch (n) {
            case 1 -> new IllegalStateException("the store is down");
            case 2 -> new NoClassDefFoundError("org/example/Missing");
            default -> null;
        });
        JobScheduler scheduler = scheduler(db, List.of(schedule("flaky", "* * * * * ?", UTC, MisfirePolicy.RUN_ONCE)), runner);
        scheduler.start();

        assertThat(runner.awaitCalls(4)).allMatch(c -> c.trigger().equals(Trigger.schedule("flaky")));
        assertThat(scheduler.isRunning()).isTrue();
        assertThat(strings(db, "SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS")).containsExactly("flaky");
    }

    @Test
    void aRunACrashInterrupted_isRunAgainAtStart_once_asRecovering() throws Exception {
        Database db = open();
        Schedule daily = schedule("daily", farAwayDaily(), UTC, MisfirePolicy.RUN_ONCE);
        RecordingRunner crashed = RecordingRunner.holding(1);
        JobScheduler first = scheduler(db, List.of(daily), crashed);
        first.start();
        first.start("daily", Trigger.chat("telegram:42"));
        crashed.awaitCalls(1);

        first.shutdown(false); // the process dies mid-run: the run never reports back
        db.close();
        crashed.release();
        Database reopened = open();
        RecordingRunner runner = RecordingRunner.quick();
        JobScheduler second = scheduler(reopened, List.of(daily), runner);
        second.start();

        runner.awaitCalls(1);
        await("the recovered run is finished").atMost(WAIT).until(() -> firedTriggers(reopened) == 0 && runner.idle());
        assertThat(runner.calls()).containsExactly(new RecordingRunner.Call("daily", Trigger.recovery("daily"), true));
        assertThat(crashed.calls()).hasSize(1);
    }

    @Test
    void start_replacesStoredJobsWithTheFiles_andLeavesUnchangedOnesAlone() throws Exception {
        Database db = open();
        String cron = farAwayDaily();
        Schedule kept = schedule("kept", cron, UTC, MisfirePolicy.RUN_ONCE);
        JobScheduler first = scheduler(db, List.of(kept, schedule("changed", cron, UTC, MisfirePolicy.RUN_ONCE),
                schedule("dropped", cron, UTC, MisfirePolicy.RUN_ONCE)), RecordingRunner.quick());
        first.start();
        first.shutdown(true);
        long marker = Instant.now().plus(Duration.ofDays(30)).toEpochMilli();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = " + marker + " WHERE TRIGGER_NAME = 'kept'");
        }

        JobScheduler second = scheduler(db, List.of(kept, schedule("changed", "0 15 4 ? * SUN", ZoneId.of("Europe/Berlin"),
                MisfirePolicy.SKIP)), RecordingRunner.quick());
        second.start();

        assertThat(strings(db, "SELECT JOB_NAME FROM QRTZ_JOB_DETAILS ORDER BY JOB_NAME")).containsExactly("changed", "kept");
        assertThat(strings(db, "SELECT CRON_EXPRESSION || ' ' || TIME_ZONE_ID FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'changed'"))
                .containsExactly("0 15 4 ? * SUN Europe/Berlin");
        assertThat(nextFireTime(db, "kept")).isEqualTo(marker);
    }

    @Test
    void list_givesTheNextThreeFiresInTheJobsZone_andItsLastRun() throws Exception {
        Database db = open();
        JdbcHistoryStore history = new JdbcHistoryStore(db);
        long run = history.startRun("berlin", "schedule", "berlin", Instant.parse("2026-06-30T04:30:00Z"));
        Clock clock = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), UTC);
        Schedule berlin = new Schedule("berlin", "Summer time", "0 30 6 * * ?", ZoneId.of("Europe/Berlin"), List.of("all"),
                HostSelector.EVERY_HOST, List.of(), ReportPolicy.CHANGES, MisfirePolicy.RUN_ONCE, true, List.of(), Optional.empty());
        JobScheduler scheduler = scheduler(db, List.of(berlin, schedule("utc", "0 30 6 * * ?", UTC, MisfirePolicy.RUN_ONCE)),
                RecordingRunner.quick(), clock, JobScheduler.Settings.DEFAULTS);

        List<JobInfo> jobs = scheduler.list();

        assertThat(jobs).extracting(JobInfo::id).containsExactly("berlin", "utc");
        assertThat(jobs.get(0).nextFires()).containsExactly(Instant.parse("2026-07-01T04:30:00Z"),
                Instant.parse("2026-07-02T04:30:00Z"), Instant.parse("2026-07-03T04:30:00Z"));
        assertThat(jobs.get(0).timeZone()).isEqualTo("Europe/Berlin");
        assertThat(jobs.get(0).changesHosts()).isTrue();
        assertThat(jobs.get(0).lastRun()).map(RunRecord::id).contains(run);
        assertThat(jobs.get(1).nextFires()).startsWith(Instant.parse("2026-07-01T06:30:00Z"));
        assertThat(jobs.get(1).lastRun()).isEmpty();
    }

    @Test
    void anUnknownJob_isRefusedNamingTheKnownOnes() throws Exception {
        JobScheduler scheduler = scheduler(open(), List.of(schedule("daily", farAwayDaily(), UTC, MisfirePolicy.RUN_ONCE),
                schedule("weekly", farAwayDaily(), UTC, MisfirePolicy.RUN_ONCE)), RecordingRunner.quick());

        assertThatThrownBy(() -> scheduler.start("dialy", Trigger.chat("telegram:42")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown job 'dialy'; known: daily, weekly");
        assertThat(scheduler.schedule("weekly")).map(Schedule::id).contains("weekly");
        assertThat(scheduler.schedule("dialy")).isEmpty();
    }

    @Test
    void isRunning_followsStartAndShutdown_andAStoppedSchedulerStartsNothing() throws Exception {
        JobScheduler scheduler = scheduler(open(), List.of(schedule("daily", farAwayDaily(), UTC, MisfirePolicy.RUN_ONCE)),
                RecordingRunner.quick());
        assertThat(scheduler.isRunning()).isFalse();

        scheduler.start();
        assertThat(scheduler.isRunning()).isTrue();
        scheduler.shutdown(true);

        assertThat(scheduler.isRunning()).isFalse();
        assertThat(scheduler.start("daily", Trigger.chat("telegram:42"))).isEqualTo("daily cannot start: the scheduler is not running");
    }

    @Test
    void settings_refuseNonsense() {
        assertThatThrownBy(() -> new JobScheduler.Settings("caretaker", 0, Duration.ofSeconds(60), false))
                .hasMessage("thread count must be between 1 and 100, found 0");
        assertThat(JobScheduler.Settings.DEFAULTS).isEqualTo(new JobScheduler.Settings("caretaker", 2, Duration.ofSeconds(60), false));
    }
}
