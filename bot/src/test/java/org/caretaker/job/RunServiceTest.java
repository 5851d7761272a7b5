package org.caretaker.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Catalogue;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.Finding;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.RunnerConfig;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.exec.LocalExecutor;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs real checks on this machine into a real H2 store. */
class RunServiceTest {
    @TempDir
    Path dir;

    private Database db;
    private JdbcHistoryStore store;
    private RunService service;
    private final List<RunOutcome> heard = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        StoreConfig sc = new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400));
        HostConfig here = new HostConfig("here", true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(), Expectations.NONE, Map.of());
        CaretakerConfig config = new CaretakerConfig(dir.resolve("c.yaml"), List.of(here), Map.of(), RunnerConfig.DEFAULTS, sc,
                ChatConfig.CONSOLE_ONLY, HttpConfig.DEFAULTS, dir.resolve("schedules"), Map.of(), org.caretaker.config.AlertPolicy.DEFAULTS,
                org.caretaker.config.AccessConfig.CONSOLE_ONLY, java.util.Optional.empty(),
                org.caretaker.config.BootLayers.defaults(), org.caretaker.config.MaintenanceConfig.DEFAULTS);
        db = Database.open(sc);
        store = new JdbcHistoryStore(db);
        CheckRunner runner = new CheckRunner(config.runner(), config.thresholds(), h -> new LocalExecutor(1 << 20, false), store.memory(), Clock.systemUTC());
        service = new RunService(config, Catalogue.standard(), runner, store, new Pinger(Map.of()), Clock.systemUTC());
        service.addListener(heard::add);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aRunIsStored_andItsTransitionsAreNewOnlyTheFirstTime() throws Exception {
        JobPlan plan = new JobPlan("daily-sanity", List.of("disk-usage"), h -> true, Optional.empty());

        RunOutcome first = service.run(plan, Trigger.schedule("daily-sanity"), false);
        RunOutcome second = service.run(plan, Trigger.schedule("daily-sanity"), false);

        assertThat(first.error()).isEmpty();
        assertThat(first.transitions()).extracting(t -> t.check() + " " + t.subject())
                .contains("reachability -", "disk-usage /");
        assertThat(second.transitions()).isEmpty();
        List<RunRecord> runs = store.runs(Optional.of("daily-sanity"), 10);
        assertThat(runs).hasSize(2).allMatch(r -> r.status() == RunStatus.FINISHED);
        assertThat(store.findingsOf(second.runId())).isEqualTo(second.sweep().findings());
        assertThat(heard).containsExactly(first, second);
    }

    @Test
    void aMaintenanceProcedure_runsBeforeTheChecks_andBothAreStoredAsOneRun() throws Exception {
        JobPlan plan = new JobPlan("weekly-snapraid", List.of("disk-usage"), h -> true, Optional.of(Duration.ofMinutes(1)));
        List<String> hostsSeen = new ArrayList<>();
        RunService.Maintenance sync = (hosts, deadline) -> {
            hosts.forEach(h -> hostsSeen.add(h.name()));
            java.time.Instant now = java.time.Instant.now();
            return new org.caretaker.check.Sweep(now, now, List.of(new Finding("snapraid-weekly", "here", "array",
                    org.caretaker.check.Severity.WARN, "sync blocked: 120 files deleted (limit 50)", Map.of("removed", 120.0),
                    "runbook/snapraid#sync-blocked")));
        };

        RunOutcome out = service.run(plan, Trigger.schedule("weekly-snapraid"), false, Optional.of(sync));

        assertThat(hostsSeen).containsExactly("here");
        assertThat(out.sweep().findings()).extracting(Finding::check).startsWith("snapraid-weekly").contains("disk-usage");
        assertThat(store.findingsOf(out.runId())).isEqualTo(out.sweep().findings());
        assertThat(store.latest()).anyMatch(st -> st.finding().check().equals("snapraid-weekly")
                && st.finding().severity() == org.caretaker.check.Severity.WARN);
        assertThat(heard).containsExactly(out);
    }

    @Test
    void checkNow_runsOneCheckOnOneHost() throws Exception {
        List<Finding> findings = service.runNow("inode-usage", Optional.of("here"), Trigger.chat("console:local"));

        assertThat(findings).extracting(Finding::check).containsOnly("reachability", "inode-usage");
        assertThat(store.runs(Optional.of("check"), 1).get(0).triggeredBy()).isEqualTo("console:local");
    }

    @Test
    void checkNow_namesWhatIsKnown_whenAskedForSomethingElse() {
        assertThatThrownBy(() -> service.runNow("disk-usag", Optional.empty(), Trigger.chat("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown check 'disk-usag'; known: all, disk-usage, ");
        assertThatThrownBy(() -> service.runNow("disk-usage", Optional.of("nas"), Trigger.chat("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown host 'nas'; configured: here");
    }

    @Test
    void runsLeftRunningByACrash_areMarkedAbandoned() throws Exception {
        long id = store.startRun("weekly-snapraid", "schedule", "weekly-snapraid", java.time.Instant.now());

        List<RunRecord> abandoned = service.abandonInterrupted();

        assertThat(abandoned).extracting(RunRecord::id).containsExactly(id);
        assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(service.abandonInterrupted()).isEmpty();
    }

    @Test
    void aFailingListener_doesNotStopTheOthers_andTheRunIsStillStored() throws Exception {
        List<RunOutcome> after = new ArrayList<>();
        service.addListener(o -> {
            throw new IllegalStateException("renderer broke");
        });
        service.addListener(after::add);

        RunOutcome o = service.run(new JobPlan("daily-sanity", List.of("disk-usage"), h -> true, Optional.empty()),
                Trigger.schedule("daily-sanity"), false);

        assertThat(after).hasSize(1);
        assertThat(store.run(o.runId()).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
    }
}
