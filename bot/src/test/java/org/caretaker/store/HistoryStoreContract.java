package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link HistoryStore} must have; one subclass per database. */
abstract class HistoryStoreContract {
    static final Instant T0 = Instant.parse("2026-11-20T06:30:00Z");

    Database db;
    HistoryStore store;

    /** A fresh, empty database of the kind under test. */
    abstract Database open() throws Exception;

    /**
     * The same database as a second process would see it: for PostgreSQL a second connection pool (another
     * instance of a cluster); an H2 file belongs to one process, so there it is the same one.
     */
    Database openAgain() throws Exception {
        return db;
    }

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        store = new JdbcHistoryStore(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    static Finding f(String check, String subject, Severity s, String message, Map<String, Double> metrics) {
        return new Finding(check, "nas", subject, s, message, metrics, "runbook/disks#disk-full");
    }

    private List<Transition> run(Instant at, Finding... findings) throws Exception {
        long id = store.startRun("daily-sanity", "schedule", "daily-sanity", at);
        return store.finishRun(id, at.plusSeconds(5), List.of(findings), RunStatus.FINISHED, findings.length + " findings");
    }

    @Test
    void schemaIsAtTheNewestVersion_andReopeningChangesNothing() throws Exception {
        int applied = appliedScripts();
        assertThat(applied).as("every script, each once").isEqualTo(MigrationScripts.versions(db.dialect()).size());

        new Migrations(db).migrate();

        assertThat(appliedScripts()).isEqualTo(applied);
    }

    private int appliedScripts() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void lastFinished_isFoundBehindAnyNumberOfFailedAndInterruptedRuns() throws Exception {
        long ok = store.startRun("daily-sanity", "schedule", "daily-sanity", T0);
        store.finishRun(ok, T0.plusSeconds(5), List.of(), RunStatus.FINISHED, "no findings");
        for (int i = 1; i <= 60; i++) {
            long id = store.startRun("daily-sanity", "schedule", "daily-sanity", T0.plusSeconds(60L * i));
            if (i % 2 == 0) {
                store.finishRun(id, T0.plusSeconds(60L * i + 5), List.of(), RunStatus.FAILED, "could not store");
            } else {
                store.abandonRun(id, T0.plusSeconds(60L * i + 5), "the bot stopped while this run was going");
            }
        }
        store.startRun("daily-sanity", "schedule", "daily-sanity", T0.plusSeconds(3600));

        assertThat(store.lastFinished("daily-sanity")).map(RunRecord::id).contains(ok);
        assertThat(store.lastFinished("daily-sanity")).flatMap(RunRecord::finishedAt).contains(T0.plusSeconds(5));
        assertThat(store.lastFinished("weekly-snapraid")).isEmpty();
        assertThat(store.runs(Optional.of("daily-sanity"), 100)).extracting(RunRecord::status)
                .contains(RunStatus.RUNNING, RunStatus.FINISHED, RunStatus.FAILED, RunStatus.INTERRUPTED);
    }

    @Test
    void runsFinishingAtOnce_onTheSameCheck_allStore_andTheNewStateIsOneTransition() throws Exception {
        Database other = openAgain();
        try {
            HistoryStore second = new JdbcHistoryStore(other);
            int n = 8;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(n);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
            List<java.util.concurrent.Future<List<Transition>>> done = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                HistoryStore s = i % 2 == 0 ? store : second;
                long id = s.startRun("job-" + i, "schedule", "job-" + i, T0);
                done.add(threads.submit(() -> {
                    together.await();
                    return s.finishRun(id, T0.plusSeconds(5), List.of(
                            f("disk-usage", "/srv", Severity.WARN, "/srv is 88% full (warning at 85%)", Map.of("used_percent", 88.0))),
                            RunStatus.FINISHED, "1 finding");
                }));
            }
            List<Transition> all = new java.util.ArrayList<>();
            for (var d : done) {
                all.addAll(d.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            threads.shutdown();

            assertThat(all).as("the first to finish records the new state; the others find it already there")
                    .extracting(x -> x.from() + "->" + x.to()).containsExactly("null->WARN");
            assertThat(store.latest()).hasSize(1);
            assertThat(store.runs(Optional.empty(), 50)).hasSize(n).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.FINISHED));
        } finally {
            if (other != db) {
                other.close();
            }
        }
    }

    @Test
    void firstRun_everySubjectIsANewTransition() throws Exception {
        List<Transition> t = run(T0,
                f("disk-usage", "/", Severity.OK, "/ is 22% full", Map.of("used_percent", 22.0)),
                f("disk-usage", "/srv", Severity.WARN, "/srv is 88% full (warning at 85%)", Map.of("used_percent", 88.0)));

        assertThat(t).extracting(x -> x.subject() + " " + x.from() + "->" + x.to()).containsExactly("/ null->OK", "/srv null->WARN");
        assertThat(store.latest()).extracting(s -> s.finding().subject() + " " + s.finding().severity()).containsExactly("/ OK", "/srv WARN");
    }

    @Test
    void sameSeverity_noTransition_andSinceIsKept() throws Exception {
        run(T0, f("disk-usage", "/srv", Severity.WARN, "/srv is 88% full (warning at 85%)", Map.of("used_percent", 88.0)));
        List<Transition> t = run(T0.plusSeconds(86400), f("disk-usage", "/srv", Severity.WARN, "/srv is 89% full (warning at 85%)", Map.of("used_percent", 89.0)));

        assertThat(t).isEmpty();
        StoredState s = store.latest().get(0);
        assertThat(s.since()).isEqualTo(T0.plusSeconds(5));
        assertThat(s.updatedAt()).isEqualTo(T0.plusSeconds(86405));
        assertThat(s.finding().message()).isEqualTo("/srv is 89% full (warning at 85%)");
    }

    @Test
    void severityChange_isATransition() throws Exception {
        run(T0, f("disk-usage", "/srv", Severity.WARN, "w", Map.of()));
        List<Transition> t = run(T0.plusSeconds(60), f("disk-usage", "/srv", Severity.CRIT, "/srv is 96% full (critical at 95%)", Map.of()));

        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.from()).isEqualTo(Severity.WARN);
            assertThat(x.to()).isEqualTo(Severity.CRIT);
            assertThat(x.message()).isEqualTo("/srv is 96% full (critical at 95%)");
        });
        assertThat(store.transitions(T0, 100)).hasSize(2);
    }

    @Test
    void subjectThatDisappears_whileItsCheckRan_isResolved() throws Exception {
        run(T0, f("failed-units", "smbd.service", Severity.CRIT, "smbd.service failed", Map.of()),
                f("failed-units", "-", Severity.OK, "1 unit failed", Map.of()));
        List<Transition> t = run(T0.plusSeconds(60), f("failed-units", "-", Severity.OK, "no failed units", Map.of()));

        assertThat(t).extracting(x -> x.subject() + " " + x.from() + "->" + x.to() + " " + x.message())
                .containsExactly("smbd.service CRIT->OK no longer reported");
        assertThat(store.latest()).extracting(s -> s.finding().subject()).containsExactly("-");
    }

    @Test
    void checkThatCouldNotRun_leavesItsSubjectsAlone() throws Exception {
        run(T0, f("zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED", Map.of()));
        List<Transition> t = run(T0.plusSeconds(60), f("zfs-pools", "-", Severity.UNKNOWN, "zpool timed out", Map.of()));

        assertThat(t).extracting(x -> x.subject() + " " + x.to()).containsExactly("- UNKNOWN");
        assertThat(store.latest()).extracting(s -> s.finding().subject() + " " + s.finding().severity())
                .containsExactly("- UNKNOWN", "tank CRIT");
    }

    @Test
    void memory_remembersLastRunAndMetrics() throws Exception {
        assertThat(store.memory().lastRun("nas", "containers")).isEmpty();
        run(T0, new Finding("containers", "nas", "jellyfin", Severity.OK, "running", Map.of("restart_count", 3.0), ""));

        assertThat(store.memory().lastRun("nas", "containers")).contains(T0.plusSeconds(5));
        assertThat(store.memory().lastMetric("nas", "containers", "jellyfin", "restart_count").getAsDouble()).isEqualTo(3.0);
        assertThat(store.memory().lastMetric("nas", "containers", "jellyfin", "exit_code")).isEmpty();
    }

    @Test
    void window_returnsPointsInOrder_andPruneDropsOldHistory() throws Exception {
        for (int day = 0; day < 5; day++) {
            run(T0.plusSeconds(86400L * day), f("disk-usage", "/", Severity.OK, "ok", Map.of("used_percent", 20.0 + day)));
        }

        List<MetricPoint> w = store.window("nas", "disk-usage", "/", "used_percent", T0, T0.plusSeconds(86400L * 10));
        assertThat(w).extracting(MetricPoint::value).containsExactly(20.0, 21.0, 22.0, 23.0, 24.0);

        int removed = store.prune(T0.plusSeconds(86400L * 2));
        assertThat(removed).isEqualTo(2);
        assertThat(store.window("nas", "disk-usage", "/", "used_percent", T0, T0.plusSeconds(86400L * 10))).hasSize(3);
        assertThat(store.runs(Optional.empty(), 100)).hasSize(3);
        assertThat(store.latest()).hasSize(1);
    }

    @Test
    void runs_keepTriggerAndOutcome_andFindingsCanBeReadBack() throws Exception {
        long id = store.startRun("daily-sanity", "chat", "telegram:42", T0);
        assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        Finding x = f("disk-usage", "/", Severity.WARN, "w", Map.of("used_percent", 88.0));
        store.finishRun(id, T0.plusSeconds(3), List.of(x), RunStatus.FINISHED, "1 WARN");

        RunRecord r = store.run(id).orElseThrow();
        assertThat(r.triggerKind()).isEqualTo("chat");
        assertThat(r.triggeredBy()).isEqualTo("telegram:42");
        assertThat(r.worst()).contains(Severity.WARN);
        assertThat(r.finishedAt()).contains(T0.plusSeconds(3));
        assertThat(store.findingsOf(id)).containsExactly(x);
    }

    @Test
    void abandonedRun_isMarked() throws Exception {
        long id = store.startRun("weekly-snapraid", "schedule", "weekly-snapraid", T0);
        store.abandonRun(id, T0.plusSeconds(600), "the bot stopped while this run was going");

        assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void subjectReportedTwiceInOneRun_keepsTheWorse() throws Exception {
        List<Transition> t = run(T0,
                f("containers", "portainer", Severity.OK, "running", Map.of()),
                f("containers", "portainer", Severity.CRIT, "keeps restarting", Map.of()));

        assertThat(t).extracting(x -> x.subject() + " " + x.to()).containsExactly("portainer CRIT");
        assertThat(store.latest()).extracting(s -> s.finding().message()).containsExactly("keeps restarting");
    }
}
