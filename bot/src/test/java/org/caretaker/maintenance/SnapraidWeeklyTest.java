package org.caretaker.maintenance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.config.WeeklyPolicy;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The weekly procedure's decisions, fed with output captured from real SnapRAID runs. */
class SnapraidWeeklyTest {
    private static final HostConfig NAS = new HostConfig("nas", true, "", 22, "", Optional.empty(), Optional.empty(), false,
            Set.of("snapraid"), Expectations.NONE, Map.of());
    private static final String CONF = "parity /mnt/parity/snapraid.parity\ncontent /var/snapraid/snapraid.content\n"
            + "content /mnt/disk1/snapraid.content\ndata d1 /mnt/disk1/\ndata d2 /mnt/disk2/\nexclude /lost+found/\n";
    private static final String SR = "snapraid -c /etc/snapraid.conf ";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Database db;
    private JdbcSyncBlocks blocks;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
        blocks = new JdbcSyncBlocks(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ScriptedExecutor host() {
        return new ScriptedExecutor().on("pgrep -x snapraid", 1, "").on("cat /etc/snapraid.conf", 0, CONF).on("test -e", 0, "");
    }

    private List<Finding> run(ScriptedExecutor exec) throws InterruptedException {
        return new SnapraidWeekly(WeeklyPolicy.DEFAULTS, blocks).run(NAS, exec, ProcedureContext.within(CLOCK, Duration.ofHours(4)));
    }

    private static Finding own(List<Finding> fs) {
        return fs.stream().filter(f -> f.check().equals(SnapraidWeekly.ID)).findFirst().orElseThrow();
    }

    @Test
    void aDiskWithSmartErrors_isNamedEveryWayItGoesBy() throws Exception {
        // The public report's layout, with the error count moved onto a data disk of this array.
        String smart = """
                SnapRAID SMART report:

                   Temp  Power   Error   FP Size
                      C OnDays   Count        TB  Serial           Device    Disk
                 -----------------------------------------------------------------------
                     40   2190      17  84%  1.0  WD-WCC0S0137066  /dev/sdc  d1
                     35   2366       0   4%  2.0  WD-WCAZA4781250  /dev/sdb  d2
                """;
        ScriptedExecutor exec = host()
                .onFixture(SR + "status", 0, "snapraid/real/4-status.txt")
                .onFixture(SR + "diff", 0, "snapraid/real/2-diff.txt")
                .onFixture(SR + "status", 0, "snapraid/real/4-status.txt")
                .on(SR + "smart", 0, smart)
                .on("lsblk", 0, "NAME=\"sdc\" PATH=\"/dev/sdc\" PKNAME=\"\" SERIAL=\"WD-WCC0S0137066\" MODEL=\"WDC WD10EFRX-68F\"\n"
                        + "NAME=\"sdc1\" PATH=\"/dev/sdc1\" PKNAME=\"sdc\" SERIAL=\"\" MODEL=\"\"\n")
                .on("findmnt -n -P -o SOURCE,TARGET -T /mnt/disk1", 0, "SOURCE=\"/dev/sdc1\" TARGET=\"/mnt/disk1\"\n")
                .on("findmnt -n -P -o SOURCE,TARGET -T /mnt/disk2", 0, "SOURCE=\"/dev/sdb1\" TARGET=\"/mnt/disk2\"\n");

        List<Finding> fs = run(exec);

        Finding d1 = fs.stream().filter(f -> f.check().equals("snapraid-smart") && f.subject().equals("d1")).findFirst().orElseThrow();
        assertThat(d1.severity()).isNotEqualTo(Severity.OK);
        assertThat(d1.message()).endsWith("(d1 = WDC WD10EFRX-68F serial WD-WCC0S0137066, /dev/sdc1, branch /mnt/disk1)");
        Finding d2 = fs.stream().filter(f -> f.check().equals("snapraid-smart") && f.subject().equals("d2")).findFirst().orElseThrow();
        assertThat(d2.message()).doesNotContain("branch");
    }

    @Test
    void unfinishedEarlierSync_withAnEmptyDiff_isReportedAndFinished() throws Exception {
        ScriptedExecutor exec = host()
                .onFixture(SR + "status", 0, "snapraid/captured/33-status-sync-interrupted.txt")
                .onFixture(SR + "status", 0, "snapraid/real/4-status.txt")
                .onFixture(SR + "diff", 0, "snapraid/real/2-diff.txt")
                .onFixture(SR + "sync", 0, "snapraid/real/4-sync.txt")
                .onFixture(SR + "smart", 0, "snapraid/real/2-smart.txt");

        List<Finding> fs = run(exec);

        assertThat(own(fs).severity()).isEqualTo(Severity.WARN);
        assertThat(own(fs).message()).isEqualTo("an earlier sync stopped at 13% and was finished now; synced: 0 added, 0 removed, 0 updated, 0 moved");
        assertThat(exec.ran).contains(SR + "sync");
        assertThat(fs).extracting(Finding::check).contains("snapraid-sync", "snapraid-status", "snapraid-smart");
    }

    @Test
    void sync_reportsItsProgressAndItsEnd() throws Exception {
        ScriptedExecutor exec = host()
                .onFixture(SR + "status", 0, "snapraid/captured/33-status-sync-interrupted.txt")
                .onFixture(SR + "status", 0, "snapraid/real/4-status.txt")
                .onFixture(SR + "diff", 0, "snapraid/real/2-diff.txt")
                .onFixture(SR + "sync", 0, "snapraid/real/4-sync.txt")
                .onFixture(SR + "smart", 0, "snapraid/real/2-smart.txt");
        List<String> heard = new java.util.ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(String host, String step, int percent, Optional<Duration> eta) {
                heard.add(host + " " + step + " " + percent + "% " + eta.map(Duration::toMinutes).map(m -> m + " min").orElse("-"));
            }

            @Override
            public void finished(String host, String step) {
                heard.add(host + " " + step + " finished");
            }
        };

        new SnapraidWeekly(WeeklyPolicy.DEFAULTS, blocks).run(NAS, exec,
                ProcedureContext.within(CLOCK, Duration.ofHours(4)).withProgress(listener));

        assertThat(heard).containsExactly("nas sync 1% -", "nas sync 100% 0 min", "nas sync finished");
    }

    @Test
    void emptyDiff_afterAFinishedSync_doesNotSync() throws Exception {
        ScriptedExecutor exec = host()
                .onFixture(SR + "status", 0, "snapraid/real/2-status.txt")
                .onFixture(SR + "diff", 0, "snapraid/real/2-diff.txt")
                .onFixture(SR + "smart", 0, "snapraid/real/2-smart.txt");

        List<Finding> fs = run(exec);

        assertThat(own(fs).severity()).isEqualTo(Severity.OK);
        assertThat(own(fs).message()).isEqualTo("nothing changed since the last sync");
        assertThat(exec.ran).noneMatch(l -> l.startsWith(SR + "sync"));
    }

    @Test
    void lockHeldByAnotherRun_isUnknown_andNothingElseRuns() throws Exception {
        ScriptedExecutor exec = host().onFixture(SR + "status", 1, "snapraid/captured/18-status-locked.txt");

        Finding f = own(run(exec));

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("not synced: SnapRAID is already in use (its lock file is held); the next run tries again");
        assertThat(exec.ran).noneMatch(l -> l.startsWith(SR + "diff") || l.startsWith(SR + "sync"));
    }

    @Test
    void snapraidAlreadyRunning_isUnknown() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor().on("pgrep -x snapraid", 0, "4711\n");

        Finding f = own(run(exec));

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("not synced: another SnapRAID run is active (pid 4711); the next run tries again");
    }

    @Test
    void missingParityFile_isCritical() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor().on("pgrep -x snapraid", 1, "").on("cat /etc/snapraid.conf", 0, CONF)
                .on("test -e /mnt/parity/snapraid.parity", 1, "").on("test -e", 0, "");

        Finding f = own(run(exec));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("not synced: parity file missing: /mnt/parity/snapraid.parity");
    }

    @Test
    void unreadableConfig_isCritical() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor().on("pgrep -x snapraid", 1, "")
                .on("cat /etc/snapraid.conf", 1, "cat: /etc/snapraid.conf: No such file or directory");

        Finding f = own(run(exec));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("not synced: cannot read /etc/snapraid.conf: \"cat: /etc/snapraid.conf: No such file or directory\"");
    }

    @Test
    void diffOverTheLimit_blocksAndStoresTheBlock() throws Exception {
        WeeklyPolicy strict = new WeeklyPolicy("/etc/snapraid.conf", 10, 0, 0, 0, List.of(), Duration.ofHours(48));
        ScriptedExecutor exec = host()
                .onFixture(SR + "status", 0, "snapraid/real/3-status.txt")
                .onFixture(SR + "diff", 2, "snapraid/real/3-diff.txt");

        List<Finding> fs = new SnapraidWeekly(strict, blocks).run(NAS, exec, ProcedureContext.within(CLOCK, Duration.ofHours(4)));

        SyncBlock b = blocks.find("nas").orElseThrow();
        assertThat(own(fs).severity()).isEqualTo(Severity.WARN);
        assertThat(own(fs).message()).startsWith("sync blocked: 30 removed (limit 10) (20 added, 30 removed, 5 updated, 3 moved); most in ")
                .endsWith("approve this exact diff with /snapraid approve " + b.code());
        assertThat(b.blockedAt()).isEqualTo(CLOCK.instant());
        assertThat(exec.ran).noneMatch(l -> l.startsWith(SR + "sync"));
    }
}
