package org.caretaker.maintenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.ScrubPolicy;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.config.WeeklyPolicy;
import org.caretaker.exec.LocalExecutor;
import org.caretaker.exec.OpenSshServer;
import org.caretaker.exec.SshExecutor;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly and monthly procedures on a real SnapRAID array of loop devices, through the {@link LocalExecutor}
 * and, for the guarded sync, over a real OpenSSH sshd on loopback.
 * Needs root and snapraid; run by {@code .ci/snapraid-array.sh} with {@code -Psnapraid-array}, which fails when
 * this suite skipped.
 */
@Tag("snapraid-array")
class SnapraidArraySuiteTest {
    private static final HostConfig NAS = new HostConfig("nas", true, "", 22, "", Optional.empty(), Optional.empty(), false,
            Set.of("snapraid"), Expectations.NONE, Map.of());

    @TempDir
    Path dir;

    private LoopArray array;
    private Database db;
    private JdbcSyncBlocks blocks;
    private LocalExecutor exec;

    @BeforeEach
    void setUp() throws Exception {
        array = LoopArray.create(dir);
        for (String d : LoopArray.DATA) {
            array.fill(d, "photos/2024", 12, d.hashCode());
            array.fill(d, "docs", 8, d.hashCode() + 1);
        }
        db = Database.open(new StoreConfig(dir.resolve("db"), "", "sa", Secret.of(""), Duration.ofDays(400)));
        blocks = new JdbcSyncBlocks(db);
        exec = new LocalExecutor(1 << 20, false);
    }

    @AfterEach
    void tearDown() {
        if (exec != null) {
            exec.close();
        }
        if (db != null) {
            db.close();
        }
        if (array != null) {
            array.close();
        }
    }

    private SnapraidWeekly weekly(long maxDeleted) {
        WeeklyPolicy p = new WeeklyPolicy(array.config().toString(), maxDeleted, 0, 0, 0, List.of(), Duration.ofHours(48));
        return new SnapraidWeekly(p, blocks);
    }

    private List<Finding> run(Procedure p) throws InterruptedException {
        return p.run(NAS, exec, ProcedureContext.within(Clock.systemUTC(), Duration.ofMinutes(20)));
    }

    private static Finding find(List<Finding> fs, String check) {
        return fs.stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " finding in " + fs));
    }

    @Test
    void aNeverSyncedArray_isRefusedUntilTheFirstSyncByHand() throws Exception {
        List<Finding> fs = run(weekly(50));
        Finding own = find(fs, SnapraidWeekly.ID);
        assertThat(own.severity()).isEqualTo(Severity.CRIT);
        assertThat(own.message()).startsWith("not synced: no content file is there");
    }

    @Test
    void cleanArray_syncsThenFindsNothingChanged() throws Exception {
        array.snapraid("sync");
        array.fill("d2", "new", 5, 7);

        List<Finding> first = run(weekly(50));
        Finding own = find(first, SnapraidWeekly.ID);
        assertThat(own.severity()).isEqualTo(Severity.OK);
        assertThat(own.message()).isEqualTo("synced: 5 added, 0 removed, 0 updated, 0 moved");
        assertThat(find(first, "snapraid-sync").severity()).isEqualTo(Severity.OK);
        assertThat(find(first, "snapraid-status").severity()).isEqualTo(Severity.OK);
        assertThat(find(first, "snapraid-status").metrics()).containsEntry("errors", 0.0);

        List<Finding> second = run(weekly(50));
        assertThat(find(second, SnapraidWeekly.ID).message()).isEqualTo("nothing changed since the last sync");
        assertThat(array.snapraid("diff")).contains("No differences");
    }

    @Test
    void deletionsOverTheLimit_blockUntilThatExactDiffIsApproved() throws Exception {
        array.snapraid("sync");
        for (int i = 1; i <= 10; i++) {
            Files.delete(array.mount("d2").resolve("photos/2024/file_" + i + ".bin"));
        }

        Finding blocked = find(run(weekly(5)), SnapraidWeekly.ID);
        assertThat(blocked.severity()).isEqualTo(Severity.WARN);
        SyncBlock block = blocks.find("nas").orElseThrow();
        assertThat(blocked.message()).isEqualTo("sync blocked: 10 removed (limit 5) (0 added, 10 removed, 0 updated, 0 moved); "
                + "most in d2 photos/2024: 10 removed; approve this exact diff with /snapraid approve " + block.code());
        assertThat(blocked.metrics()).containsEntry("removed", 10.0);

        // The next scheduled run respects the block, with the same code for the same diff.
        Finding again = find(run(weekly(5)), SnapraidWeekly.ID);
        assertThat(again.severity()).isEqualTo(Severity.WARN);
        assertThat(blocks.find("nas").orElseThrow().code()).isEqualTo(block.code());
        assertThat(array.snapraid("diff")).contains("10 removed");

        // Approved, but one more file went since: that diff was not approved.
        blocks.approve(block.code(), "admin", Clock.systemUTC().instant().plus(Duration.ofHours(48)));
        Files.delete(array.mount("d1").resolve("docs/file_1.bin"));
        Finding different = find(run(weekly(5)), SnapraidWeekly.ID);
        assertThat(different.severity()).isEqualTo(Severity.WARN);
        SyncBlock second = blocks.find("nas").orElseThrow();
        assertThat(second.code()).isNotEqualTo(block.code());
        assertThat(second.approvedBy()).isEmpty();

        blocks.approve(second.code(), "admin", Clock.systemUTC().instant().plus(Duration.ofHours(48)));
        List<Finding> synced = run(weekly(5));
        Finding own = find(synced, SnapraidWeekly.ID);
        assertThat(own.severity()).isEqualTo(Severity.OK);
        assertThat(own.message()).isEqualTo("synced (approved by admin): 0 added, 11 removed, 0 updated, 0 moved");
        assertThat(blocks.find("nas")).isEmpty();
        assertThat(array.snapraid("diff")).contains("No differences");
    }

    @Test
    void overARealSshd_theBlockedSyncGoesThroughOnceApproved() throws Exception {
        array.snapraid("sync");
        for (int i = 1; i <= 8; i++) {
            Files.delete(array.mount("d1").resolve("photos/2024/file_" + i + ".bin"));
        }
        Files.createDirectories(dir.resolve("ssh"));
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("ssh"));
             SshExecutor ssh = new SshExecutor(sshd.host("nas"), Duration.ofSeconds(5), 1 << 20, 4)) {
            ProcedureContext ctx = ProcedureContext.within(Clock.systemUTC(), Duration.ofMinutes(20));
            HostConfig remote = sshd.host("nas");

            Finding blocked = find(weekly(5).run(remote, ssh, ctx), SnapraidWeekly.ID);
            assertThat(blocked.severity()).isEqualTo(Severity.WARN);
            assertThat(blocked.message()).contains("8 removed (limit 5)", "d1 photos/2024: 8 removed");

            blocks.approve(blocks.find("nas").orElseThrow().code(), "admin", Clock.systemUTC().instant().plus(Duration.ofHours(1)));
            Finding synced = find(weekly(5).run(remote, ssh, ctx), SnapraidWeekly.ID);
            assertThat(synced.message()).isEqualTo("synced (approved by admin): 0 added, 8 removed, 0 updated, 0 moved");
        }
        assertThat(array.snapraid("diff")).contains("No differences");
    }

    @Test
    void silentCorruption_isFoundByTheScrubAsCritical_andFixed() throws Exception {
        array.snapraid("sync");
        Path victim = array.mount("d3").resolve("docs/file_2.bin");
        byte[] original = Files.readAllBytes(victim);
        array.rot("d3", "docs/file_2.bin");
        assertThat(array.snapraid("diff")).contains("No differences");

        MonthlyScrub monthly = new MonthlyScrub(ScrubPolicy.DEFAULTS.withConfig(array.config().toString()).withScrub(100, 0),
                Optional.empty(), d -> { });
        List<Finding> fs = run(monthly);
        Finding scrub = find(fs, "snapraid-scrub");
        assertThat(scrub.severity()).isEqualTo(Severity.CRIT);
        assertThat(scrub.metrics()).containsEntry("data_errors", 1.0);
        assertThat(find(fs, MonthlyScrub.ID).message()).startsWith("restore test due");

        List<Finding> fixed = run(new SnapraidFix(array.config().toString()));
        assertThat(find(fixed, SnapraidFix.ID).severity()).isEqualTo(Severity.OK);
        assertThat(find(fixed, "snapraid-scrub").severity()).isEqualTo(Severity.OK);
        assertThat(Files.readAllBytes(victim)).isEqualTo(original);
        assertThat(array.snapraid("status")).contains("No error detected");
    }

    @Test
    void diskIdentity_joinsTheSnapraidNameWithBranchAndDevice() throws Exception {
        SnapraidConf conf = SnapraidConf.parse(Files.readString(array.config()));

        DiskIdentity d2 = DiskIdentity.read(exec, conf).get("d2");

        assertThat(d2.mounted()).isTrue();
        assertThat(d2.branch()).isEqualTo(array.mount("d2").toString());
        assertThat(d2.device()).isEqualTo(array.loop("d2"));
        assertThat(d2.describe()).isEqualTo("d2 = " + array.loop("d2") + ", branch " + array.mount("d2"));
    }

    @Test
    void missingDisk_isCritical_andNotSynced() throws Exception {
        array.snapraid("sync");
        array.unmount("d3");
        try {
            Finding own = find(run(weekly(0)), SnapraidWeekly.ID);
            assertThat(own.severity()).isEqualTo(Severity.CRIT);
            assertThat(own.message()).isEqualTo("not synced: data disk missing or empty: d3 = not mounted, branch "
                    + array.mount("d3") + "; a sync would drop its parity");
        } finally {
            array.remount("d3");
        }
        assertThat(array.snapraid("diff")).contains("No differences");
    }
}
