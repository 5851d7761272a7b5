package org.caretaker.check.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.junit.jupiter.api.Test;

class ZfsPoolsCheckTest {
    private static final ZfsPoolsCheck CHECK = new ZfsPoolsCheck();

    /** Judges a status fixture as if read at {@code now}, so scrub ages are fixed. */
    private static List<Finding> status(String fixture, String now) throws Exception {
        Findings f = new Findings(ZfsPoolsCheck.ID, "-");
        ZfsPoolsCheck.evaluateStatus(Fixtures.read(fixture), new Thresholds(ZfsPoolsCheck.ID, CHECK.thresholdDefaults()),
                f, Instant.parse(now));
        return f.list();
    }

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void healthyPoolsScrubbedLastWeek_areOk() throws Exception {
        List<Finding> findings = status("public/zpool/status-two-pools-features-not-enabled.txt", "2024-02-20T12:00:00Z");

        assertThat(findings).extracting(Finding::severity, Finding::message).containsExactly(
                tuple(Severity.OK, "pool rpool is ONLINE; last scrub 9 days ago"),
                tuple(Severity.OK, "pool wilbur is ONLINE; last scrub 9 days ago"));
        assertThat(findings.get(0).runbook()).isEqualTo("runbook/zfs#degraded-pool");
        assertThat(findings.get(0).metrics()).containsExactly(entry("read_errors", 0.0), entry("write_errors", 0.0),
                entry("cksum_errors", 0.0), entry("data_errors", 0.0), entry("scrub_age_days", 9.0));
    }

    @Test
    void scrubOlderThanMaxAge_isWarning() throws Exception {
        Finding f = only(status("public/zpool/status-two-pools-features-not-enabled.txt", "2024-04-01T12:00:00Z"), "rpool");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("pool rpool is ONLINE; last scrub 50 days ago (warning after 35 days)");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#scrubs");
    }

    @Test
    void mirrorMemberMissing_isCriticalAndNamesTheOldDevicePath() throws Exception {
        Finding f = single(status("public/zpool/status-degraded-unavail-was-dev-cksum100980.txt", "2024-11-10T00:00:00Z"));

        assertThat(f.subject()).isEqualTo("mypool");
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pool mypool is DEGRADED: mirror-0 has 1 of 3 devices down: 12345678901234567890 "
                + "UNAVAIL (was /dev/disk/by-id/ata-ST8000DM004-xxxxxx_redacted-part1); "
                + "12345678901234567890 has 100980 checksum errors; last scrub 6 days ago");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#degraded-pool");
        assertThat(f.metrics()).containsEntry("cksum_errors", 100980.0);
    }

    @Test
    void removedDevice_isCritical() throws Exception {
        Finding f = single(status("public/zpool/status-degraded-mirror-device-REMOVED.txt", "2024-10-26T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo(
                "pool dummy is DEGRADED: mirror-0 has 1 of 2 devices down: drive0-part1 REMOVED; last scrub 5 days ago");
    }

    @Test
    void corruptedLabel_withoutErrorsLine_isCritical() throws Exception {
        Finding f = single(status("public/zpool/status-degraded-mirror-unavail-corrupted-data-loopdev.txt",
                "2024-02-11T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo(
                "pool dummy is DEGRADED: mirror-1 has 1 of 2 devices down: loop3 UNAVAIL (corrupted data); last scrub today");
        assertThat(f.metrics()).doesNotContainKey("data_errors");
    }

    @Test
    void degradedPoolWithoutScanLine_isCriticalAndNeverScrubbed() throws Exception {
        Finding f = single(status("public/zpool/status-degraded-no-scan-line-loopdev.txt", "2024-02-11T00:00:00Z"));

        assertThat(f.subject()).isEqualTo("broken");
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo(
                "pool broken is DEGRADED: mirror-0 has 1 of 2 devices down: loop1 UNAVAIL (corrupted data); never scrubbed");
    }

    @Test
    void unavailPoolWithPermanentErrors_isCriticalAndListsFiles() throws Exception {
        Finding f = single(status("public/zpool/status-v-unavail-pool-permanent-errors-solaris.txt", "2010-02-03T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pool tank is UNAVAIL (insufficient replicas): 1 of 2 top-level devices down: "
                + "c1t1d0 UNAVAIL (cannot open); c1t1d0 has 4 read and 1 write errors; "
                + "permanent errors in 3 files: /tank/data/aaa, /tank/data/bbb, /tank/data/ccc; last scrub today");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#degraded-pool");
        assertThat(f.metrics()).containsEntry("read_errors", 4.0).containsEntry("write_errors", 1.0)
                .containsEntry("data_errors", 3.0);
    }

    @Test
    void dataErrorsOnAnOnlinePool_areCritical() throws Exception {
        Finding f = single(status("public/zpool/status-online-data-corruption-1-data-errors-no-permission.txt",
                "2024-02-05T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pool jeremy is ONLINE; 1 data error (list of errors unavailable: "
                + "permission denied); last scrub today");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#data-errors");
        assertThat(f.metrics()).containsEntry("data_errors", 1.0);
    }

    @Test
    void checksumErrorsOnOneDisk_areWarningWithTheCountAsPrinted() throws Exception {
        Finding f = single(status("captured/zpool-status-zfs-fuse-cksum-2.45K-repaired.txt", "2026-11-24T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("pool tank is ONLINE; loop2 has 2.45K checksum errors; last scrub today");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#device-errors");
        assertThat(f.metrics()).containsEntry("cksum_errors", 2509.0);
    }

    @Test
    void resilverInProgress_isWarningWithPercentage() throws Exception {
        Finding f = single(status("captured/zpool-status-zfs-fuse-resilver-in-progress-46pct.txt", "2026-11-23T20:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("pool tank is ONLINE; resilver in progress, 46.05% done, 0h0m to go");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#resilver");
        assertThat(f.metrics()).containsEntry("scan_percent", 46.05);
    }

    @Test
    void scrubInProgress_isOkWithPercentage() throws Exception {
        Finding f = single(status("public/zpool/status-online-scrub-in-progress.txt", "2024-02-11T12:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("pool neptune is ONLINE; scrub in progress, 0% done, no estimated completion time");
    }

    @Test
    void canceledScrub_isWarning() throws Exception {
        Finding f = single(status("public/zpool/status-online-scrub-canceled.txt", "2026-01-20T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("pool neptune is ONLINE; last scrub was canceled 1 day ago, no finished scrub on record");
        assertThat(f.runbook()).isEqualTo("runbook/zfs#scrubs");
    }

    @Test
    void neverScrubbed_isWarning() throws Exception {
        Finding f = single(status("public/zpool/status-online-new-pool-no-scan-line.txt", "2026-11-23T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("pool milton is ONLINE; never scrubbed");
    }

    @Test
    void recentResilver_isOkButSaysTheLastScrubIsUnknown() throws Exception {
        Finding f = single(status("public/zpool/status-online-resilvered-completed.txt", "2024-02-12T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("pool dummy is ONLINE; resilvered 1 day ago, last scrub unknown");
    }

    @Test
    void oldResilver_isWarningAboutScrubs() throws Exception {
        Finding f = single(status("public/zpool/status-online-resilvered-completed.txt", "2024-04-12T00:00:00Z"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo(
                "pool dummy is ONLINE; no scrub on record, resilvered 61 days ago (warning after 35 days)");
    }

    @Test
    void oneDegradedAndOneHealthyPool_areJudgedApart() throws Exception {
        List<Finding> findings = status("captured/zpool-status-zfs-fuse-two-pools-unavail-was-dev.txt", "2026-11-23T20:00:00Z");

        assertThat(only(findings, "backup").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "backup").message()).isEqualTo("pool backup is ONLINE; last scrub today");
        assertThat(only(findings, "tank").severity()).isEqualTo(Severity.CRIT);
        assertThat(only(findings, "tank").message()).isEqualTo("pool tank is DEGRADED: mirror-0 has 1 of 2 devices down: "
                + "17124979409076590713 UNAVAIL (was /dev/loop0); never scrubbed");
    }

    @Test
    void zpoolStatusInspector_judgesSavedText() {
        Finding f = only(inspect("zpool-status", "public/zpool/status-v-degraded-mirror-unavail-cannot-open-solaris.txt"), "tank");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo(
                "pool tank is DEGRADED: mirror-0 has 1 of 2 devices down: c1t1d0 UNAVAIL (cannot open); never scrubbed");
    }

    @Test
    void listWithHeader_fullPoolIsCriticalAndFaultedPoolToo() {
        List<Finding> fuse = inspect("zpool-list", "captured/zpool-list-zfs-fuse-two-pools-96pct-degraded.txt");
        List<Finding> faulted = inspect("zpool-list", "public/zpool/list-p-online-and-faulted-pool.txt");

        assertThat(only(fuse, "tank").severity()).isEqualTo(Severity.CRIT);
        assertThat(only(fuse, "tank").message()).isEqualTo("pool tank is DEGRADED; 96% full (critical at 95%)");
        assertThat(only(fuse, "backup").message()).isEqualTo("pool backup is ONLINE; 9% full");
        assertThat(only(fuse, "backup").metrics()).containsExactly(entry("capacity_percent", 9.0));
        assertThat(only(faulted, "zion").severity()).isEqualTo(Severity.CRIT);
        assertThat(only(faulted, "zion").message()).isEqualTo("pool zion is FAULTED");
        assertThat(only(faulted, "rpool").message()).isEqualTo("pool rpool is ONLINE; 42% full");
    }

    @Test
    void scriptedListWithoutHeader_givesTheSameJudgement() {
        List<Finding> withHeader = inspect("zpool-list", "captured/zpool-list-zfs-fuse-two-pools-96pct-degraded.txt");
        List<Finding> scripted = inspect("zpool-list", "captured/zpool-list-H-zfs-fuse-two-pools-96pct-degraded.txt");

        assertThat(scripted).isEqualTo(withHeader);
    }

    @Test
    void verboseList_namesUnavailableLogAndCacheDevices() {
        Finding f = single(inspect("zpool-list", "public/zpool/list-p-v-degraded-logs-cache-unavail.txt"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pool rpool is DEGRADED: 14807975228228307538 UNAVAIL (logs), "
                + "wwn-0x500151795954c095-part2 UNAVAIL (cache); 30% full");
    }

    @Test
    void fullSpecialVdev_isWarningThenCritical() {
        // Synthetic: no real output with a special vdev was found and this machine cannot run OpenZFS. The rows
        // follow print_list_stats() of OpenZFS 2.x under -H -p -v (tab-separated, class heading padded with dashes).
        String at85 = "tank\t4000\t1000\t3000\t-\t-\t5\t25\t1.00\tONLINE\t-\n"
                + "\tmirror-0\t3000\t500\t2500\t-\t-\t3\t16\t-\tONLINE\n"
                + "\tsda\t3000\t-\t-\t-\t-\t-\t-\t-\tONLINE\n"
                + "\tsdb\t3000\t-\t-\t-\t-\t-\t-\t-\tONLINE\n"
                + "special      -      -      -        -         -      -      -      -         -\n"
                + "\tmirror-1\t1000\t850\t150\t-\t-\t40\t85\t-\tONLINE\n"
                + "\tnvme0n1\t1000\t-\t-\t-\t-\t-\t-\t-\tONLINE\n"
                + "\tnvme1n1\t1000\t-\t-\t-\t-\t-\t-\t-\tONLINE\n";
        String at92 = at85.replace("\t850\t150\t-\t-\t40\t85\t", "\t920\t80\t-\t-\t60\t92\t");

        Finding warn = single(Fixtures.inspector("zpool-list").inspect(at85));
        Finding crit = single(Fixtures.inspector("zpool-list").inspect(at92));

        assertThat(warn.severity()).isEqualTo(Severity.WARN);
        assertThat(warn.message()).isEqualTo("pool tank is ONLINE; 25% full; special vdev mirror-1 is 85% full (warning at 80%)");
        assertThat(warn.runbook()).isEqualTo("runbook/zfs#special-device-full");
        assertThat(warn.metrics()).containsEntry("special_capacity_percent", 85.0);
        assertThat(crit.severity()).isEqualTo(Severity.CRIT);
        assertThat(crit.message()).isEqualTo("pool tank is ONLINE; 25% full; special vdev mirror-1 is 92% full (critical at 90%)");
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        Finding status = single(Fixtures.inspector("zpool-status").inspect("sh: 1: zpool: Permission denied\n"));
        Finding list = single(Fixtures.inspector("zpool-list").inspect("sh: 1: zpool: Permission denied\n"));

        assertThat(status.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(status.message()).isEqualTo("no pool: line in zpool status output: \"sh: 1: zpool: Permission denied\"");
        assertThat(list.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(list.message()).isEqualTo("no zpool list row (NAME SIZE ALLOC FREE ... CAP DEDUP HEALTH): \"sh: 1: zpool: Permission denied\"");
        assertThat(list.runbook()).isEqualTo("runbook/caretaker#unknown-output");
    }

    private static ScriptedContext context(HostConfig host) {
        return new ScriptedContext(CHECK, host).now(Instant.parse("2026-11-23T20:00:00Z"));
    }

    @Test
    void run_joinsStatusAndList_andAsksForRootOnlyForStatus() throws Exception {
        ScriptedContext ctx = context(ScriptedContext.host("nas", "zfs"))
                .answer("zpool status -v", Fixtures.read("captured/zpool-status-zfs-fuse-two-pools-unavail-was-dev.txt"))
                .answer("zpool list -H -p -v", Fixtures.read("captured/zpool-list-H-zfs-fuse-two-pools-96pct-degraded.txt"));

        List<Finding> findings = ctx.run();

        assertThat(findings).extracting(Finding::subject).containsExactly("backup", "tank");
        Finding tank = only(findings, "tank");
        assertThat(tank.host()).isEqualTo("nas");
        assertThat(tank.severity()).isEqualTo(Severity.CRIT);
        assertThat(tank.message()).isEqualTo("pool tank is DEGRADED: mirror-0 has 1 of 2 devices down: "
                + "17124979409076590713 UNAVAIL (was /dev/loop0); 96% full (critical at 95%); never scrubbed");
        assertThat(only(findings, "backup").message()).isEqualTo("pool backup is ONLINE; 9% full; last scrub today");
        assertThat(ctx.asked()).extracting(c -> String.join(" ", c.argv()), c -> c.root()).containsExactly(
                tuple("zpool status -v", true),
                tuple("zpool list -H -p -v", false));
    }

    @Test
    void run_missingExpectedPool_isCritical() throws Exception {
        Expectations expect = new Expectations(List.of(), List.of("tank", "vault"), List.of(), List.of(), List.of(),
                Optional.empty());
        ScriptedContext ctx = context(ScriptedContext.host("nas", expect))
                .answer("zpool status -v", Fixtures.read("captured/zpool-status-zfs-fuse-two-pools-unavail-was-dev.txt"))
                .answer("zpool list -H -p -v", Fixtures.read("captured/zpool-list-H-zfs-fuse-two-pools-96pct-degraded.txt"));

        Finding vault = only(ctx.run(), "vault");

        assertThat(vault.severity()).isEqualTo(Severity.CRIT);
        assertThat(vault.message()).isEqualTo("pool vault is missing: zpool does not list it (not imported, or its disks are gone)");
        assertThat(vault.runbook()).isEqualTo("runbook/zfs#degraded-pool");
    }

    @Test
    void run_noPoolsOnAZfsHost_isWarning() throws Exception {
        ScriptedContext ctx = context(ScriptedContext.host("nas", "zfs"))
                .answer("zpool status -v", 0, "", "no pools available\n")
                .answer("zpool list -H -p -v", "");

        Finding f = single(ctx.run());

        assertThat(f.subject()).isEqualTo("-");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("no ZFS pools found on a host tagged zfs");
    }

    @Test
    void run_failingList_keepsThePoolStateAndAddsUnknown() throws Exception {
        ScriptedContext ctx = context(ScriptedContext.host("nas", "zfs"))
                .answer("zpool status -v", Fixtures.read("captured/zpool-status-zfs-fuse-new-mirror-scrub-none.txt"))
                .answer("zpool list -H -p -v", 2, "", "invalid option 'v'\nusage:\n\tlist [-H] [-o property[,...]] [pool] ...\n");

        List<Finding> findings = ctx.run();

        assertThat(only(findings, "tank").message()).isEqualTo("pool tank is ONLINE; never scrubbed");
        assertThat(only(findings, "-").severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(only(findings, "-").message()).isEqualTo("pool capacity unknown: zpool list -H -p -v failed with exit "
                + "status 2: \"invalid option 'v' ⏎ usage: ⏎ ?list [-H] [-o property[,...]] [pool] ...\"");
    }

    @Test
    void run_withoutZpool_isToolMissing() {
        ScriptedContext ctx = context(ScriptedContext.host("nas", "zfs"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("zpool is not installed or not on the PATH");
    }

    @Test
    void appliesToZfsHostsAndHostsWithExpectedPools() {
        Expectations pools = new Expectations(List.of(), List.of("tank"), List.of(), List.of(), List.of(), Optional.empty());

        assertThat(CHECK.appliesTo(ScriptedContext.host("nas", "zfs"))).isTrue();
        assertThat(CHECK.appliesTo(ScriptedContext.host("nas", pools))).isTrue();
        assertThat(CHECK.appliesTo(ScriptedContext.host("web", "docker"))).isFalse();
        assertThat(CHECK.thresholdDefaults()).isEqualTo(Map.of("capacity-warn", 80.0, "capacity-crit", 95.0,
                "special-warn", 80.0, "special-crit", 90.0, "scrub-max-age-days", 35.0));
    }
}
