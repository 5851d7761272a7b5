package org.caretaker.check.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;
import static org.caretaker.check.Fixtures.read;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.Expectations;
import org.caretaker.config.MountExpectation;
import org.caretaker.exec.Command;
import org.junit.jupiter.api.Test;

class MountsCheckTest {
    private static final List<MountExpectation> POOL = List.of(
            new MountExpectation("/mnt/storage", "fuse.mergerfs"),
            new MountExpectation("/mnt/disk1", "ext4"),
            new MountExpectation("/mnt/disk2", "ext4"),
            new MountExpectation("/mnt/disk3", "ext4"),
            new MountExpectation("/mnt/parity1", "ext4"));

    private static ScriptedContext nas(List<MountExpectation> mounts) {
        Expectations expect = new Expectations(mounts, List.of(), List.of(), List.of(), List.of(), Optional.empty());
        return new ScriptedContext(new MountsCheck(), ScriptedContext.host("nas", expect));
    }

    private static Map<String, Severity> severities(List<Finding> findings) {
        return findings.stream().collect(Collectors.toMap(Finding::subject, Finding::severity));
    }

    @Test
    void healthyPool_isOkPerMount_withProbeTimes() throws Exception {
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-healthy.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-healthy.json"));

        List<Finding> findings = ctx.run();

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("/mnt/storage", "/mnt/disk1", "/mnt/disk2", "/mnt/disk3", "/mnt/parity1");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.OK);
        Finding pool = only(findings, "/mnt/storage");
        assertThat(pool.message()).isEqualTo("/mnt/storage is mounted (fuse.mergerfs) and answered in 86 ms");
        assertThat(pool.metrics()).containsExactly(Map.entry("probe_ms", 86.0));
        assertThat(pool.runbook()).isEqualTo("runbook/mounts#mergerfs-down");
        Finding disk = only(findings, "/mnt/disk1");
        assertThat(disk.message()).isEqualTo("/mnt/disk1 is mounted (ext4 from /dev/loop1) and answered in 98 ms");
        assertThat(disk.runbook()).isEqualTo("runbook/mounts#missing-mount");
    }

    @Test
    void probeThenListing_withPathsAsArgumentsAndATimeout() throws Exception {
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-healthy.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-healthy.json"));

        ctx.run();

        assertThat(ctx.asked()).hasSize(2);
        Command probe = ctx.asked().get(0);
        assertThat(probe.argv()).containsExactly("sh", "-c", MountsCheck.PROBE_SCRIPT, "probe-mounts", "5",
                "/mnt/storage", "/mnt/disk1", "/mnt/disk2", "/mnt/disk3", "/mnt/parity1");
        assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(probe.root()).isFalse();
        assertThat(ctx.asked().get(1).argv()).containsExactly("findmnt", "-J", "-o", "TARGET,SOURCE,FSTYPE,OPTIONS");
    }

    @Test
    void longerProbeTimeout_isPassedToTheScript() throws Exception {
        ScriptedContext ctx = nas(POOL).thresholds(Map.of("probe-timeout-seconds", 12.0))
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-healthy.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-healthy.json"));

        ctx.run();

        assertThat(ctx.asked().get(0).argv().get(4)).isEqualTo("12");
        assertThat(ctx.asked().get(0).timeout()).isEqualTo(Duration.ofSeconds(22));
    }

    @Test
    void hungMergerfs_isCriticalStaleMount() throws Exception {
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-stopped.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-stopped.json"));

        List<Finding> findings = ctx.run();

        Finding pool = only(findings, "/mnt/storage");
        assertThat(pool.severity()).isEqualTo(Severity.CRIT);
        assertThat(pool.message()).isEqualTo("/mnt/storage (fuse.mergerfs) did not answer within 5 s (stale mount?)");
        assertThat(pool.metrics()).containsExactly(Map.entry("probe_ms", 5081.0));
        assertThat(pool.runbook()).isEqualTo("runbook/mounts#stale-mount");
        assertThat(severities(findings)).containsEntry("/mnt/disk1", Severity.OK).containsEntry("/mnt/parity1", Severity.OK);
    }

    @Test
    void probeScriptCutOffBeforeAPathReported_countsAsNotAnswering() throws Exception {
        // Derived from the real capture: as if the script itself had been ended by its timeout (exit 124) before
        // the hung probe printed its line, so the /mnt/storage line is missing.
        String partial = read("captured/mount-probe-mergerfs-stopped.txt").lines()
                .filter(l -> !l.contains("/mnt/storage")).collect(Collectors.joining("\n", "", "\n"));
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", 124, partial, "")
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-stopped.json"));

        Finding pool = only(ctx.run(), "/mnt/storage");

        assertThat(pool.severity()).isEqualTo(Severity.CRIT);
        assertThat(pool.message()).isEqualTo("/mnt/storage (fuse.mergerfs) did not answer within 5 s (stale mount?)");
        assertThat(pool.metrics()).isEmpty();
    }

    @Test
    void crashedMergerfs_isCriticalMergerfsDown() throws Exception {
        // The listing is findmnt's raw format: the check accepts it as well as JSON.
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-killed.txt"))
                .answer("findmnt -J", read("captured/findmnt-r-mergerfs-killed.txt"));

        List<Finding> findings = ctx.run();

        Finding pool = only(findings, "/mnt/storage");
        assertThat(pool.severity()).isEqualTo(Severity.CRIT);
        assertThat(pool.message()).isEqualTo(
                "/mnt/storage (fuse.mergerfs) is dead: the FUSE process serving it is gone (Transport endpoint is not connected)");
        assertThat(pool.runbook()).isEqualTo("runbook/mounts#mergerfs-down");
        assertThat(severities(findings)).containsEntry("/mnt/disk3", Severity.OK);
    }

    @Test
    void missingBranch_isCriticalAndSaysWhatIsThereInstead() throws Exception {
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-branch-disk3-missing.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-branch-disk3-missing.json"))
                // Real: on the freshly unmounted branch find printed nothing and exited 0 (see the fixture's source).
                .answer("find /mnt/disk3 -mindepth", "");

        List<Finding> findings = ctx.run();

        Finding branch = only(findings, "/mnt/disk3");
        assertThat(branch.severity()).isEqualTo(Severity.CRIT);
        assertThat(branch.message()).isEqualTo(
                "/mnt/disk3 is not mounted (expected ext4): only an empty directory on the root filesystem is there");
        assertThat(branch.runbook()).isEqualTo("runbook/mounts#missing-mount");
        assertThat(severities(findings)).containsEntry("/mnt/storage", Severity.OK).containsEntry("/mnt/disk1", Severity.OK);
        assertThat(ctx.asked()).hasSize(3);
        assertThat(ctx.asked().get(2).argv())
                .containsExactly("find", "/mnt/disk3", "-mindepth", "1", "-maxdepth", "1", "-print", "-quit");
    }

    @Test
    void missingBranchThatFilledUp_warnsThatWritesLandOnTheRootFilesystem() throws Exception {
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-branch-disk3-missing.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-branch-disk3-missing.json"))
                .answer("find /mnt/disk3 -mindepth", read("captured/find-disk3-files-on-root.txt"));

        Finding branch = only(ctx.run(), "/mnt/disk3");

        assertThat(branch.severity()).isEqualTo(Severity.CRIT);
        assertThat(branch.message()).isEqualTo("/mnt/disk3 is not mounted (expected ext4): it is a directory on the root "
                + "filesystem holding files, so what is written there fills the root filesystem instead");
    }

    @Test
    void poolNotMounted_isMergerfsDown_andAbsentDirectoryIsSaid() throws Exception {
        List<MountExpectation> mounts = new java.util.ArrayList<>(POOL);
        mounts.add(new MountExpectation("/mnt/parity2", "ext4"));
        ScriptedContext ctx = nas(mounts)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-pool-not-mounted.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-pool-not-mounted.json"))
                // Real: find printed nothing and exited 0 on the bare /mnt/storage directory.
                .answer("find /mnt/storage -mindepth", "");

        List<Finding> findings = ctx.run();

        Finding pool = only(findings, "/mnt/storage");
        assertThat(pool.severity()).isEqualTo(Severity.CRIT);
        assertThat(pool.message()).isEqualTo(
                "/mnt/storage is not mounted (expected fuse.mergerfs): only an empty directory on the root filesystem is there");
        assertThat(pool.runbook()).isEqualTo("runbook/mounts#mergerfs-down");
        Finding parity = only(findings, "/mnt/parity2");
        assertThat(parity.severity()).isEqualTo(Severity.CRIT);
        assertThat(parity.message()).isEqualTo("/mnt/parity2 is not mounted (expected ext4) and the directory does not exist");
        assertThat(ctx.asked()).extracting(c -> String.join(" ", c.argv())).noneMatch(l -> l.startsWith("find /mnt/parity2"));
    }

    @Test
    void lookUnderAMissingMountThatFails_stillNamesTheFilesystemBelow() throws Exception {
        ScriptedContext ctx = nas(POOL)
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-branch-disk3-missing.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-branch-disk3-missing.json"));

        Finding branch = only(ctx.run(), "/mnt/disk3");

        assertThat(branch.message()).isEqualTo("/mnt/disk3 is not mounted (expected ext4); the path lies on the root filesystem");
    }

    @Test
    void wrongFilesystemType_isWarning() throws Exception {
        ScriptedContext ctx = nas(List.of(new MountExpectation("/mnt/parity1", "xfs"), new MountExpectation("/mnt/storage", "mergerfs")))
                .answer("probe-mounts", read("captured/mount-probe-mergerfs-healthy.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-healthy.json"));

        List<Finding> findings = ctx.run();

        Finding parity = only(findings, "/mnt/parity1");
        assertThat(parity.severity()).isEqualTo(Severity.WARN);
        assertThat(parity.message()).isEqualTo("/mnt/parity1: expected xfs, found ext4 from /dev/loop4");
        assertThat(parity.runbook()).isEqualTo("runbook/mounts#wrong-filesystem");
        assertThat(only(findings, "/mnt/storage").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void automount_isTriggeredByTheProbe_andAFailedOneIsCritical() throws Exception {
        ScriptedContext ctx = nas(List.of(new MountExpectation("/mnt/nas", "ext4"), new MountExpectation("/mnt/backup", "ext4")))
                .answer("probe-mounts", read("captured/mount-probe-autofs-direct.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-autofs-direct.json"));

        List<Finding> findings = ctx.run();

        Finding nas = only(findings, "/mnt/nas");
        assertThat(nas.severity()).isEqualTo(Severity.OK);
        assertThat(nas.message()).isEqualTo("/mnt/nas is mounted (ext4 from /dev/loop5) and answered in 78 ms");
        Finding backup = only(findings, "/mnt/backup");
        assertThat(backup.severity()).isEqualTo(Severity.CRIT);
        assertThat(backup.message()).isEqualTo(
                "/mnt/backup: the automount (/etc/auto.direct) could not mount ext4: No such file or directory");
        assertThat(backup.runbook()).isEqualTo("runbook/mounts#missing-mount");
    }

    @Test
    void failedCifsAutomount_pointsToTheCifsRunbook() throws Exception {
        ScriptedContext ctx = nas(List.of(new MountExpectation("/mnt/backup", "cifs")))
                .answer("probe-mounts", read("captured/mount-probe-autofs-direct.txt"))
                .answer("findmnt -J", read("captured/findmnt-J-autofs-direct.json"));

        Finding backup = only(ctx.run(), "/mnt/backup");

        assertThat(backup.severity()).isEqualTo(Severity.CRIT);
        assertThat(backup.message()).isEqualTo(
                "/mnt/backup: the automount (/etc/auto.direct) could not mount cifs: No such file or directory");
        assertThat(backup.runbook()).isEqualTo("runbook/mounts#cifs-automount");
    }

    @Test
    void systemdCifsAutomountWithServerDown_quotesTheError() throws Exception {
        // Synthetic (this machine has neither systemd nor CIFS): a systemd automount placeholder that stays
        // alone in the table because mounting the share failed; the kernel reports the server's state.
        ScriptedContext ctx = nas(List.of(new MountExpectation("/mnt/media", "cifs")))
                .answer("probe-mounts", "probe\t/mnt/media\t1\t3012\tstat: cannot read file system information for "
                        + "'/mnt/media': Host is down\n")
                .answer("findmnt -J", "/ /dev/sda2 ext4 rw,relatime\n"
                        + "/mnt/media systemd-1 autofs rw,relatime,fd=51,pgrp=1,timeout=600,minproto=5,maxproto=5,direct\n");

        Finding media = only(ctx.run(), "/mnt/media");

        assertThat(media.severity()).isEqualTo(Severity.CRIT);
        assertThat(media.message()).isEqualTo("/mnt/media: the automount (systemd-1) could not mount cifs: Host is down");
        assertThat(media.metrics()).containsExactly(Map.entry("probe_ms", 3012.0));
        assertThat(media.runbook()).isEqualTo("runbook/mounts#cifs-automount");
    }

    @Test
    void findmntMissing_isToolMissing() {
        ScriptedContext ctx = nas(POOL).answer("probe-mounts", read("captured/mount-probe-mergerfs-healthy.txt"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("findmnt is not installed or not on the PATH");
    }

    @Test
    void unreadableProbeOutput_isUnparseable() {
        ScriptedContext ctx = nas(POOL).answer("probe-mounts", "Welcome to nas!\n")
                .answer("findmnt -J", read("captured/findmnt-J-mergerfs-healthy.json"));

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("not a line of the mount probe (probe, path, exit, ms, output)");
    }

    @Test
    void appliesOnlyToHostsWithExpectedMounts() {
        MountsCheck check = new MountsCheck();

        assertThat(check.appliesTo(ScriptedContext.host("pve"))).isFalse();
        assertThat(check.appliesTo(nas(POOL).host())).isTrue();
    }

    @Test
    void inspector_listsEveryRealMount_inFindmntsOrder() {
        List<Finding> findings = inspect("findmnt", "captured/findmnt-J-mergerfs-healthy.json");

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("/", "/mnt/storage", "/mnt/disk3", "/mnt/disk1", "/mnt/disk2", "/mnt/parity1");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(only(findings, "/mnt/storage").message()).isEqualTo("/mnt/storage is mounted (fuse.mergerfs)");
        assertThat(only(findings, "/").message()).isEqualTo("/ is mounted (ext4 from /dev/vda)");
    }

    @Test
    void inspector_readsTheRawListToo_andNamesUntriggeredAutomounts() {
        List<Finding> findings = inspect("findmnt", "captured/findmnt-r-autofs-direct-not-triggered.txt");

        Finding nas = only(findings, "/mnt/nas");
        assertThat(nas.severity()).isEqualTo(Severity.OK);
        assertThat(nas.message()).isEqualTo("/mnt/nas is an automount (/etc/auto.direct) that nothing has triggered yet");
    }

    @Test
    void inspector_decodesEscapedSpaces() {
        List<Finding> findings = inspect("findmnt", "captured/findmnt-r-bind-mount-with-space.txt");

        assertThat(only(findings, "/mnt/my media").message()).isEqualTo("/mnt/my media is mounted (ext4 from /dev/loop1[/media])");
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        List<Finding> findings = Fixtures.inspector("findmnt").inspect("findmnt: unrecognized option '--json'\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("not findmnt output (no -J document, table under a TARGET header, or -r line TARGET SOURCE FSTYPE OPTIONS): "
                    + "\"findmnt: unrecognized option '--json'\"");
            assertThat(f.runbook()).isEqualTo("runbook/caretaker#unknown-output");
        });
    }

    @Test
    void truncatedJson_isUnknownWithExcerpt() {
        String text = read("captured/findmnt-J-mergerfs-healthy.json").substring(0, 60);

        Finding f = Fixtures.inspector("findmnt").inspect(text).get(0);

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo(
                "findmnt JSON does not parse: \"{ ⏎    \"filesystems\": [ ⏎       { ⏎          \"target\": \"/\",\"");
    }
}
