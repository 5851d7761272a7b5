package org.caretaker.check.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.caretaker.check.Fixtures;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class ZpoolStatusParserTest {

    private static PoolStatus only(String fixture) throws UnparseableOutputException {
        List<PoolStatus> pools = ZpoolStatusParser.parse(Fixtures.read(fixture));
        assertThat(pools).hasSize(1);
        return pools.get(0);
    }

    private static ErrorCounter zero() {
        return new ErrorCounter(0, "0");
    }

    @Test
    void missingMirrorMember_keepsGuidStateCountersAndWasNote() throws Exception {
        PoolStatus p = only("public/zpool/status-degraded-unavail-was-dev-cksum100980.txt");

        assertThat(p.name()).isEqualTo("mypool");
        assertThat(p.state()).isEqualTo("DEGRADED");
        assertThat(p.see()).isEqualTo("https://openzfs.github.io/openzfs-docs/msg/ZFS-8000-4J");
        assertThat(p.status()).isEqualTo("One or more devices could not be used because the label is missing or "
                + "invalid.  Sufficient replicas exist for the pool to continue functioning in a degraded state.");
        assertThat(p.vdevs()).containsExactly(
                new Vdev("mypool", 0, "data", "DEGRADED", zero(), zero(), zero(), ""),
                new Vdev("mirror-0", 1, "data", "DEGRADED", zero(), zero(), zero(), ""),
                new Vdev("12345678901234567890", 2, "data", "UNAVAIL", zero(), zero(), new ErrorCounter(100980, "100980"),
                        "was /dev/disk/by-id/ata-ST8000DM004-xxxxxx_redacted-part1"),
                new Vdev("ata-ST8000VN004-xxxxxx_redacted-part1", 2, "data", "ONLINE", zero(), zero(), zero(), ""),
                new Vdev("ata-ST8000VN004-xxxxxx_redacted", 2, "data", "ONLINE", zero(), zero(), zero(), ""));
        assertThat(p.errors().clean()).isTrue();
    }

    @Test
    void abbreviatedCount_isScaledBy1024AndKeptAsPrinted() throws Exception {
        PoolStatus p = only("captured/zpool-status-zfs-fuse-cksum-2.45K-repaired.txt");

        assertThat(p.vdevs().get(3)).isEqualTo(
                new Vdev("loop2", 2, "data", "ONLINE", zero(), zero(), new ErrorCounter(2509, "2.45K"), "296M repaired"));
    }

    @Test
    void finishedScrub_withHoursAndMinutesDuration_hasDateAndErrors() throws Exception {
        Scan s = only("public/zpool/status-online-data-corruption-1-data-errors-no-permission.txt").scan();

        assertThat(s.kind()).isEqualTo(Scan.Kind.SCRUB);
        assertThat(s.state()).isEqualTo(Scan.State.FINISHED);
        assertThat(s.when()).contains(LocalDateTime.of(2024, 2, 4, 20, 54, 25));
        assertThat(s.errors()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void finishedScrub_withDaysDuration_macosStyleWithoutBlankLines() throws Exception {
        List<PoolStatus> pools = ZpoolStatusParser.parse(
                Fixtures.read("public/zpool/status-v-three-single-disk-pools-scrub-canceled-macos-style.txt"));

        assertThat(pools).extracting(PoolStatus::name).containsExactly("zhgstera6", "zint500", "zsam53");
        assertThat(pools.get(0).scan().state()).isEqualTo(Scan.State.CANCELED);
        assertThat(pools.get(0).scan().when()).contains(LocalDateTime.of(2022, 8, 19, 15, 33, 19));
        assertThat(pools.get(1).scan().when()).contains(LocalDateTime.of(2022, 8, 16, 0, 20, 50));
        assertThat(pools.get(1).vdevs()).extracting(Vdev::name).containsExactly("zint500", "ST3500418AS-5VMSTSSX:5");
        assertThat(pools.get(2).errors().clean()).isTrue();
    }

    @Test
    void scrubInProgress_readsPercentAcrossContinuationLines() throws Exception {
        Scan s = only("public/zpool/status-online-scrub-in-progress.txt").scan();

        assertThat(s).isEqualTo(new Scan(Scan.Kind.SCRUB, Scan.State.IN_PROGRESS,
                Optional.of(LocalDateTime.of(2024, 2, 11, 11, 54, 20)), OptionalDouble.of(0.0), OptionalLong.empty(),
                "no estimated completion time",
                "scrub in progress since Sun Feb 11 11:54:20 2024 704G / 1.66T scanned at 5.67G/s, 0B / 1.66T issued "
                        + "0B repaired, 0.00% done, no estimated completion time"));
    }

    @Test
    void solarisEraResilverInProgress_hasPercentAndTimeToGo() throws Exception {
        PoolStatus p = only("captured/zpool-status-zfs-fuse-resilver-in-progress-46pct.txt");

        assertThat(p.scan().kind()).isEqualTo(Scan.Kind.RESILVER);
        assertThat(p.scan().state()).isEqualTo(Scan.State.IN_PROGRESS);
        assertThat(p.scan().percent()).isEqualTo(OptionalDouble.of(46.05));
        assertThat(p.scan().remaining()).isEqualTo("0h0m to go");
        assertThat(p.vdevs()).extracting(Vdev::name, Vdev::depth)
                .containsExactly(
                        tuple("tank", 0),
                        tuple("mirror-0", 1),
                        tuple("loop0", 2),
                        tuple("replacing-1", 2),
                        tuple("loop1", 3),
                        tuple("loop2", 3));
    }

    @Test
    void openZfsResilverInProgress_hasPercentAndTimeToGo() throws Exception {
        // Synthetic: no real OpenZFS output of a running resilver was found; the lines follow the format
        // strings of OpenZFS 2.x print_scan_scrub_resilver_status().
        String text = """
                  pool: tank
                 state: DEGRADED
                status: One or more devices is currently being resilvered.  The pool will
                \tcontinue to function, possibly in a degraded state.
                action: Wait for the resilver to complete.
                  scan: resilver in progress since Sun Nov 10 00:24:01 2024
                \t1.23T / 2.50T scanned at 500M/s, 1.00T / 2.50T issued at 400M/s
                \t500G resilvered, 40.00% done, 01:02:03 to go
                config:

                \tNAME             STATE     READ WRITE CKSUM
                \ttank             DEGRADED     0     0     0
                \t  mirror-0       DEGRADED     0     0     0
                \t    replacing-0  DEGRADED     0     0     0
                \t      old        UNAVAIL      0     0     0  was /dev/sdb1
                \t      sdc        ONLINE       0     0     0  (resilvering)
                \t    sdd          ONLINE       0     0     0

                errors: No known data errors
                """;

        Scan s = ZpoolStatusParser.parse(text).get(0).scan();

        assertThat(s.kind()).isEqualTo(Scan.Kind.RESILVER);
        assertThat(s.state()).isEqualTo(Scan.State.IN_PROGRESS);
        assertThat(s.when()).contains(LocalDateTime.of(2024, 11, 10, 0, 24, 1));
        assertThat(s.percent()).isEqualTo(OptionalDouble.of(40.0));
        assertThat(s.remaining()).isEqualTo("01:02:03 to go");
    }

    @Test
    void permanentErrors_listTheFiles() throws Exception {
        PoolStatus p = only("public/zpool/status-v-unavail-pool-permanent-errors-solaris.txt");

        assertThat(p.errors().permanent()).isTrue();
        assertThat(p.errors().files()).containsExactly("/tank/data/aaa", "/tank/data/bbb", "/tank/data/ccc");
        assertThat(p.vdevs().get(0).note()).isEqualTo("insufficient replicas");
        assertThat(p.scan().kind()).isEqualTo(Scan.Kind.SCRUB);
        assertThat(p.scan().when()).contains(LocalDateTime.of(2010, 2, 2, 13, 8, 42));
    }

    @Test
    void dataErrorCount_andUnavailableList_areBothKept() throws Exception {
        DataErrors e = only("public/zpool/status-online-data-corruption-1-data-errors-no-permission.txt").errors();

        assertThat(e.clean()).isFalse();
        assertThat(e.count()).isEqualTo(OptionalLong.of(1));
        assertThat(e.lines()).containsExactly("List of errors unavailable: permission denied",
                "1 data errors, use '-v' for a list");
    }

    @Test
    void noScanLine_isNeverScanned_andNoneRequestedToo() throws Exception {
        assertThat(only("public/zpool/status-online-new-pool-no-scan-line.txt").scan()).isEqualTo(Scan.NEVER);
        assertThat(only("public/zpool/status-v-degraded-mirror-unavail-cannot-open-solaris.txt").scan().kind())
                .isEqualTo(Scan.Kind.NONE);
    }

    @Test
    void classSections_setTheGroupOfTheirMembers() throws Exception {
        // Synthetic: the layout of log, special, cache and spare sections as OpenZFS 2.x prints them.
        String text = """
                  pool: tank
                 state: ONLINE
                config:

                \tNAME        STATE     READ WRITE CKSUM
                \ttank        ONLINE       0     0     0
                \t  sda       ONLINE       0     0     0
                \tspecial\t
                \t  mirror-1  ONLINE       0     0     0
                \t    nvme0n1 ONLINE       0     0     0
                \t    nvme1n1 ONLINE       0     0     0
                \tcache
                \t  sdc       UNAVAIL      0     0     0  cannot open
                \tspares
                \t  sdd       AVAIL

                errors: No known data errors
                """;

        PoolStatus p = ZpoolStatusParser.parse(text).get(0);

        assertThat(p.vdevs()).extracting(Vdev::name, Vdev::group, Vdev::depth).containsExactly(
                tuple("tank", "data", 0),
                tuple("sda", "data", 1),
                tuple("mirror-1", "special", 1),
                tuple("nvme0n1", "special", 2),
                tuple("nvme1n1", "special", 2),
                tuple("sdc", "cache", 1),
                tuple("sdd", "spares", 1));
        assertThat(p.vdevs().get(6).read()).isEqualTo(ErrorCounter.ABSENT);
        assertThat(PoolEvaluation.down(p.vdevs())).isEqualTo("1 of 1 cache devices down: sdc UNAVAIL (cannot open)");
    }

    @Test
    void noPoolsAvailable_isAnEmptyList() throws Exception {
        assertThat(ZpoolStatusParser.parse("no pools available\n")).isEmpty();
    }

    @Test
    void moduleNotLoaded_isUnparseable() {
        // Synthetic: the message zpool prints when the kernel module is missing, typed from the OpenZFS source.
        assertThatThrownBy(() -> ZpoolStatusParser.parse(
                "The ZFS modules are not loaded.\nTry running '/sbin/modprobe zfs' as root to load them.\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("no pool: line in zpool status output");
    }
}
