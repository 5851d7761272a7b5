package org.caretaker.cluster;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Catalogue;
import org.caretaker.check.CheckRunner;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.AlertPolicy;
import org.caretaker.config.BootLayers;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.ClusterConfig;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.MaintenanceConfig;
import org.caretaker.config.RunnerConfig;
import org.caretaker.config.StoreConfig;
import org.caretaker.exec.LocalExecutor;
import org.caretaker.job.JobPlan;
import org.caretaker.job.Pinger;
import org.caretaker.job.RunService;
import org.caretaker.job.Trigger;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances' run records in one PostgreSQL database: each knows its own, and a takeover marks a run once. */
class RunsPerInstanceTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    @RegisterExtension
    static final SharedPostgres pg = new SharedPostgres();

    @TempDir
    Path dir;
    private Database db;
    private JdbcHistoryStore storeA;
    private JdbcHistoryStore storeB;
    private RunService a;
    private RunService b;

    @BeforeEach
    void setUp() throws Exception {
        StoreConfig sc = pg.store(pg.freshUrl(), dir);
        db = Database.open(sc);
        HostConfig here = new HostConfig("here", true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(), Expectations.NONE, Map.of());
        CaretakerConfig config = new CaretakerConfig(dir.resolve("c.yaml"), List.of(here), Map.of(), RunnerConfig.DEFAULTS, sc,
                ChatConfig.CONSOLE_ONLY, HttpConfig.DEFAULTS, dir.resolve("schedules"), Map.of(), AlertPolicy.DEFAULTS,
                AccessConfig.CONSOLE_ONLY, Optional.empty(), BootLayers.defaults(), MaintenanceConfig.DEFAULTS,
                new ClusterConfig(true, "a", Duration.ofSeconds(30)));
        storeA = new JdbcHistoryStore(db, Optional.of("a"));
        storeB = new JdbcHistoryStore(db, Optional.of("b"));
        a = service(config, storeA);
        b = service(config, storeB);
    }

    private static RunService service(CaretakerConfig config, JdbcHistoryStore store) {
        CheckRunner runner = new CheckRunner(config.runner(), config.thresholds(), h -> new LocalExecutor(1 << 20, false), store.memory(), Clock.systemUTC());
        return new RunService(config, Catalogue.standard(), runner, store, new Pinger(Map.of()), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aRun_namesTheInstanceThatRanIt() throws Exception {
        long id = a.run(new JobPlan("tick", List.of("load"), h -> true, Optional.empty()), Trigger.schedule("tick"), false).runId();

        RunRecord stored = storeB.run(id).orElseThrow();
        assertThat(stored.instance()).contains("a");
        assertThat(stored.status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void atStart_anInstanceMarksOnlyItsOwnRunsInterrupted_notALivePeers() throws Exception {
        long mine = storeA.startRun("weekly-snapraid", "schedule", "weekly-snapraid", T0);
        long peers = storeB.startRun("monthly-scrub", "schedule", "monthly-scrub", T0);

        assertThat(a.abandonInterrupted()).extracting(RunRecord::id).containsExactly(mine);

        assertThat(storeA.run(mine).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(storeA.run(peers).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(a.abandonInterrupted()).isEmpty();
    }

    @Test
    void aRecoveredJob_marksTheDeadInstancesRunOnce_whoeverTriesSecond() throws Exception {
        long dead = storeA.startRun("tick", "schedule", "tick", T0);
        long otherJob = storeA.startRun("monthly-scrub", "schedule", "monthly-scrub", T0);
        long own = storeB.startRun("tick", "chat", "telegram:42", T0);

        List<RunRecord> taken = b.abandonRecovered("tick");

        assertThat(taken).extracting(RunRecord::id).containsExactly(dead);
        assertThat(taken.get(0).instance()).contains("a");
        assertThat(storeB.run(dead).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(storeB.run(own).orElseThrow().status()).as("its own run is not touched").isEqualTo(RunStatus.RUNNING);
        assertThat(storeB.run(otherJob).orElseThrow().status()).as("only the recovered job").isEqualTo(RunStatus.RUNNING);
        assertThat(b.abandonRecovered("tick")).isEmpty();
        assertThat(a.abandonInterrupted()).as("the dead instance, back, finds the run already marked")
                .extracting(RunRecord::id).containsExactly(otherJob);
    }

    @Test
    void aBotAlone_marksEveryRunningRun_andRecoversNoPeersRuns() throws Exception {
        JdbcHistoryStore alone = new JdbcHistoryStore(db);
        long before = storeA.startRun("tick", "schedule", "tick", T0);
        long own = alone.startRun("tick", "schedule", "tick", T0);
        CaretakerConfig config = new CaretakerConfig(dir.resolve("c.yaml"), List.of(), Map.of(), RunnerConfig.DEFAULTS,
                pg.store("jdbc:postgresql://unused/x", dir), ChatConfig.CONSOLE_ONLY, HttpConfig.DEFAULTS, dir, Map.of(),
                AlertPolicy.DEFAULTS, AccessConfig.CONSOLE_ONLY, Optional.empty(), BootLayers.defaults(), MaintenanceConfig.DEFAULTS);
        RunService service = service(config, alone);

        assertThat(alone.run(own).orElseThrow().instance()).isEmpty();
        assertThat(service.abandonRecovered("tick")).isEmpty();
        assertThat(service.abandonInterrupted()).extracting(RunRecord::id).containsExactly(before, own);
    }
}
