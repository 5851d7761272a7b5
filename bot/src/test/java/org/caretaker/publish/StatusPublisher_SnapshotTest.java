package org.caretaker.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.Role;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.job.Trigger;
import org.caretaker.report.Report;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.SnapshotJson;
import org.caretaker.site.snapshot.StatusSnapshot.CommandInfo;
import org.caretaker.site.snapshot.StatusSnapshot.FindingStatus;
import org.caretaker.site.snapshot.StatusSnapshot.HistorySeries;
import org.caretaker.site.snapshot.StatusSnapshot.HostStatus;
import org.caretaker.site.snapshot.StatusSnapshot.Point;
import org.caretaker.site.snapshot.StatusSnapshot.RunSummary;
import org.caretaker.site.snapshot.StatusSnapshot.ScheduleStatus;
import org.caretaker.site.snapshot.StatusSnapshot;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bot remembers, as the site gets it: a real H2 store with three runs of two jobs, and the snapshot
 * the publisher writes beside it, value by value.
 */
class StatusPublisher_SnapshotTest {
    private static final Instant DAY1 = Instant.parse("2026-12-01T06:30:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-02T06:30:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-12-03T06:30:00Z");

    @TempDir
    Path dir;

    private Database db;
    private JdbcHistoryStore history;
    private StatusPublisher publisher;
    private final List<JobInfo> jobs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        // The SSH hosts' files must exist for the configuration to load; nothing connects.
        Files.writeString(dir.resolve("id_ed25519"), "");
        Files.writeString(dir.resolve("known_hosts"), "");
        Catalogue catalogue = Catalogue.standard();
        CaretakerConfig config = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment()).parse("homelab.yaml", """
                hosts:
                  - name: nas
                    address: 192.0.2.10
                    user: caretaker
                    key: id_ed25519
                    known-hosts: known_hosts
                    tags: [storage, snapraid]
                  - name: here
                    local: true
                  - name: pve
                    address: 192.0.2.20
                    user: caretaker
                    key: id_ed25519
                    known-hosts: known_hosts
                """, dir);
        db = Database.open(new StoreConfig(dir.resolve("data"), "", "sa", Secret.of(""), Duration.ofDays(400)));
        history = new JdbcHistoryStore(db);
        CommandRegistry commands = new CommandRegistry().register(new Named(CommandSpec.reading("status", "/status [host]",
                "What needs attention.", Role.VIEWER))).register(new Named(new CommandSpec("run", "/run <job>", "Runs a job now.",
                Role.OPERATOR, args -> args.equals(List.of("weekly-snapraid")))));
        Jobs fixed = new Jobs() {
            @Override
            public List<JobInfo> list() {
                return List.copyOf(jobs);
            }

            @Override
            public String start(String jobId, Trigger trigger) {
                throw new UnsupportedOperationException("the publisher only reads the jobs");
            }
        };
        publisher = new StatusPublisher(config, catalogue, history, fixed, commands, Clock.fixed(NOW, ZoneOffset.UTC),
                dir.resolve("data/status.json"), Optional.empty());
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    private long run(String job, String kind, String by, Instant at, Duration took, Finding... findings) throws Exception {
        long id = history.startRun(job, kind, by, at);
        history.finishRun(id, at.plus(took), List.of(findings), RunStatus.FINISHED, "");
        return id;
    }

    private static Finding reach(String host, Severity s) {
        return new Finding("reachability", host, "-", s, s == Severity.OK ? "reached in 12 ms" : "connection refused", Map.of(), "");
    }

    private static Finding srv(Severity s, double usedPct) {
        return new Finding("disk-usage", "nas", "/srv", s, "/srv is " + (int) usedPct + "% full", Map.of("used_pct", usedPct),
                "runbook/disks#full");
    }

    private void threeRuns() throws Exception {
        long first = run("daily-sanity", "schedule", "daily-sanity", DAY1, Duration.ofSeconds(12),
                reach("nas", Severity.OK), reach("pve", Severity.UNREACHABLE), srv(Severity.WARN, 91));
        long chat = run("disk-check", "chat", "telegram:42", DAY1.plusSeconds(600), Duration.ofSeconds(3),
                reach("nas", Severity.OK), srv(Severity.WARN, 92));
        long second = run("daily-sanity", "schedule", "daily-sanity", DAY2, Duration.ofSeconds(75),
                reach("nas", Severity.OK), reach("pve", Severity.OK), srv(Severity.CRIT, 96));
        assertThat(List.of(first, chat, second)).as("run ids").containsExactly(1L, 2L, 3L);
        RunRecord last = history.run(second).orElseThrow();
        jobs.add(new JobInfo("daily-sanity", "the daily look", "0 30 6 * * ?", "UTC", List.of(NEXT), Optional.of(last), false));
        jobs.add(new JobInfo("weekly-snapraid", "sync and scrub", "0 0 3 ? * SUN", "Europe/Berlin", List.of(), Optional.empty(), true));
    }

    @Test
    void aStoreWithThreeRuns_givesASnapshotOfEveryHostFindingRunScheduleSeriesAndCommand() throws Exception {
        threeRuns();

        StatusSnapshot s = publisher.snapshot();

        assertThat(s.generatedAt()).isEqualTo(NOW);
        assertThat(s.lab()).isEqualTo("homelab");
        assertThat(s.hosts()).containsExactly(
                new HostStatus("here", "local", List.of(), false, null),
                new HostStatus("nas", "192.0.2.10", List.of("snapraid", "storage"), true, DAY2.plusSeconds(75)),
                new HostStatus("pve", "192.0.2.20", List.of(), true, DAY2.plusSeconds(75)));
        assertThat(s.findings()).containsExactly(
                new FindingStatus("disk-usage", "nas", "/srv", Level.CRIT, "/srv is 96% full", "runbook/disks#full",
                        DAY2.plusSeconds(75), DAY2.plusSeconds(75)),
                new FindingStatus("reachability", "nas", "-", Level.OK, "reached in 12 ms", "", DAY1.plusSeconds(12), DAY2.plusSeconds(75)),
                new FindingStatus("reachability", "pve", "-", Level.OK, "reached in 12 ms", "", DAY2.plusSeconds(75), DAY2.plusSeconds(75)));
        assertThat(s.runs()).containsExactly(
                new RunSummary("3", "daily-sanity", "schedule daily-sanity", DAY2, DAY2.plusSeconds(75), Level.CRIT, 3),
                new RunSummary("2", "disk-check", "chat telegram:42", DAY1.plusSeconds(600), DAY1.plusSeconds(603), Level.WARN, 2),
                new RunSummary("1", "daily-sanity", "schedule daily-sanity", DAY1, DAY1.plusSeconds(12), Level.UNREACHABLE, 3));
        assertThat(s.schedules()).containsExactly(
                new ScheduleStatus("daily-sanity", "0 30 6 * * ?", "UTC", List.of(), DAY2, Level.CRIT, List.of(NEXT)),
                new ScheduleStatus("weekly-snapraid", "0 0 3 ? * SUN", "Europe/Berlin", List.of(), null, null, List.of()));
        assertThat(s.history()).containsExactly(new HistorySeries("disk-usage", "nas", "/srv", "used_pct", List.of(
                new Point(DAY1.plusSeconds(12), 91, Level.OK), new Point(DAY1.plusSeconds(603), 92, Level.OK), new Point(DAY2.plusSeconds(75), 96, Level.OK))));
        assertThat(s.commands()).containsExactly(
                new CommandInfo("run", "/run <job>", "Runs a job now.", "operator", false, List.of("weekly-snapraid")),
                new CommandInfo("status", "/status [host]", "What needs attention.", "viewer", false));
        assertThat(s.checks()).extracting(StatusSnapshot.CheckInfo::id)
                .containsExactlyElementsOf(Catalogue.standard().checks().stream().map(Check::id).sorted().toList());
    }

    @Test
    void publishing_writesTheSnapshotBesideTheDatabase_asTheSiteReadsIt() throws Exception {
        threeRuns();

        publisher.publish();

        Path written = dir.resolve("data/status.json");
        assertThat(new SnapshotJson().parse(Files.readString(written), "status.json")).isEqualTo(publisher.snapshot());
        assertThat(dir.resolve("data/status.json.tmp")).as("the temporary file, moved into place").doesNotExist();
    }

    @Test
    void anEmptyStore_givesHostsNotYetSeen_andNothingElseButTheCatalogue() throws Exception {
        StatusSnapshot s = publisher.snapshot();

        assertThat(s.hosts()).extracting(HostStatus::name, HostStatus::reachable, HostStatus::lastSeen)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("here", false, null),
                        org.assertj.core.groups.Tuple.tuple("nas", false, null), org.assertj.core.groups.Tuple.tuple("pve", false, null));
        assertThat(s.findings()).isEmpty();
        assertThat(s.runs()).isEmpty();
        assertThat(s.history()).isEmpty();
        assertThat(s.checks()).isNotEmpty();
    }

    /** A command that only has to be listed. */
    private record Named(CommandSpec spec) implements ChatCommand {
        @Override
        public Report handle(CommandRequest req) {
            throw new UnsupportedOperationException("only listed");
        }
    }
}
