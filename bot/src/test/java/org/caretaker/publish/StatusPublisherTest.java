package org.caretaker.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.command.SnapraidCommand;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.RunnerConfig;
import org.caretaker.config.Secret;
import org.caretaker.config.SiteConfig;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.job.Trigger;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.StatusSnapshot;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot the site is drawn from: its history bars come from the stored runs and their findings (a real
 * H2 file), its command reference from the registry the router enforces, its title from {@code site.title}.
 */
class StatusPublisherTest {
    private static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private JdbcHistoryStore store;
    private StoreConfig storeConfig;

    @BeforeEach
    void setUp() throws Exception {
        storeConfig = new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400));
        db = Database.open(storeConfig);
        store = new JdbcHistoryStore(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private CaretakerConfig config(Optional<SiteConfig> site) {
        HostConfig nas = new HostConfig("nas", true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(), Expectations.NONE, Map.of());
        return new CaretakerConfig(dir.resolve("homelab.yaml"), List.of(nas), Map.of(), RunnerConfig.DEFAULTS, storeConfig,
                ChatConfig.CONSOLE_ONLY, HttpConfig.DEFAULTS, dir.resolve("schedules"), Map.of(), org.caretaker.config.AlertPolicy.DEFAULTS,
                org.caretaker.config.AccessConfig.CONSOLE_ONLY, site, org.caretaker.config.BootLayers.defaults(),
                org.caretaker.config.MaintenanceConfig.DEFAULTS);
    }

    private StatusPublisher publisher(Optional<SiteConfig> site) {
        Jobs jobs = new Jobs() {
            @Override
            public List<JobInfo> list() {
                return List.of();
            }

            @Override
            public String start(String jobId, Trigger trigger) {
                throw new UnsupportedOperationException("no job starts in this test");
            }
        };
        CommandRegistry registry = new CommandRegistry()
                .register(new SnapraidCommand(null, null, null, Duration.ofHours(1), Clock.systemUTC()));
        return new StatusPublisher(config(site), Catalogue.standard(), store, jobs, registry,
                Clock.fixed(T0.plus(Duration.ofDays(40)), ZoneOffset.UTC), dir.resolve("status.json"), Optional.empty());
    }

    private void run(int day, Severity disk, Severity zfs) throws Exception {
        Instant at = T0.plus(Duration.ofDays(day));
        long id = store.startRun("daily-sanity", "schedule", "daily-sanity", at);
        store.finishRun(id, at.plusSeconds(5), List.of(
                new Finding("disk-usage", "nas", "/", disk, "root", Map.of(), ""),
                new Finding("disk-usage", "nas", "/srv", Severity.OK, "srv", Map.of(), ""),
                new Finding("zfs-pools", "nas", "tank", zfs, "tank", Map.of(), "")), RunStatus.FINISHED, "");
    }

    @Test
    void historyBars_comeFromStoredRuns_keepTheLast30_andTakeEachRunsWorstVerdict() throws Exception {
        for (int day = 0; day < 32; day++) {
            run(day, day == 31 ? Severity.CRIT : Severity.OK, day % 10 == 0 ? Severity.WARN : Severity.OK);
        }

        StatusSnapshot s = publisher(Optional.empty()).snapshot();

        assertThat(s.trails()).extracting(StatusSnapshot.RunTrail::check).containsExactly("disk-usage", "zfs-pools");
        StatusSnapshot.RunTrail disk = s.trails().get(0);
        assertThat(disk.host()).isEqualTo("nas");
        assertThat(disk.runs()).hasSize(30);
        assertThat(disk.runs().get(0).at()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(disk.runs().get(29).verdict()).isEqualTo(Level.CRIT);
        assertThat(disk.runs().subList(0, 29)).allMatch(m -> m.verdict() == Level.OK);
        assertThat(s.trails().get(1).runs()).filteredOn(m -> m.verdict() == Level.WARN).hasSize(3);
    }

    @Test
    void theCommandReference_saysWhichSnapraidActionsNeedAnAdminAndAConfirmation() throws Exception {
        StatusSnapshot.CommandInfo snapraid = publisher(Optional.empty()).snapshot().commands().get(0);

        assertThat(snapraid.name()).isEqualTo("snapraid");
        assertThat(snapraid.role()).isEqualTo("operator");
        assertThat(snapraid.confirm()).isFalse();
        assertThat(snapraid.confirmWhen()).containsExactly("approve", "fix", "scrub", "sync");
    }

    @Test
    void theLabIsNamedBySiteTitle_elseByTheConfigurationFile() throws Exception {
        SiteConfig titled = new SiteConfig(List.of(dir), List.of(dir), dir.resolve("site"), "Attic lab");

        assertThat(publisher(Optional.of(titled)).snapshot().lab()).isEqualTo("Attic lab");
        assertThat(publisher(Optional.empty()).snapshot().lab()).isEqualTo("homelab");
    }
}
