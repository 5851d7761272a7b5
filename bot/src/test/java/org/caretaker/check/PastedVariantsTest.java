package org.caretaker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.inspector;
import static org.caretaker.check.Fixtures.only;

import java.util.List;
import java.util.OptionalDouble;
import org.caretaker.check.disk.DfParser;
import org.caretaker.check.disk.DfRow;
import org.caretaker.check.mounts.FindmntParser;
import org.caretaker.check.mounts.MountEntry;
import org.caretaker.check.zfs.PoolUsage;
import org.caretaker.check.zfs.ZpoolListParser;
import org.junit.jupiter.api.Test;

/**
 * The shapes output takes when people run the everyday form of a command or paste it from a terminal: human
 * units, other locales, trees, older tool versions, escapes, colours and Windows line ends.
 */
class PastedVariantsTest {

    @Test
    void dfWithHumanUnits_isJudgedByItsPercentages() {
        List<Finding> findings = inspect("df", "captured/df-h-loop-ext4-100pct-tmpfs.txt");

        assertThat(only(findings, "/mnt/ct-data").severity()).isEqualTo(Severity.CRIT);
        assertThat(only(findings, "/").severity()).isEqualTo(Severity.OK);
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("not understood"));
    }

    @Test
    void dfInAGermanLocale_readsDecimalCommasAndTheLocalisedHeader() throws Exception {
        List<DfRow> rows = DfParser.parse(Fixtures.read("captured/df-h-de_DE-decimal-comma-loop-ext4-100pct.txt"));

        assertThat(rows).extracting(DfRow::mountPoint).containsExactly("/", "/mnt/ct-data", "/mnt/ct-data/cache");
        assertThat(rows.get(2).total()).isEqualTo((long) (1.5 * 1024 * 1024));
        assertThat(rows.get(2).percent()).isEqualTo(92);
        assertThat(only(inspect("df", "captured/df-h-de_DE-decimal-comma-loop-ext4-100pct.txt"), "/mnt/ct-data").severity())
                .isEqualTo(Severity.CRIT);
    }

    @Test
    void dfInodesWithHumanUnits_isOk() {
        List<Finding> findings = inspect("df-inodes", "captured/df-hi-loop-ext4-tmpfs.txt");

        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
        assertThat(only(findings, "/mnt/ct-data").metrics()).containsEntry("inodes_used_percent", 1.0);
    }

    @Test
    void dfLongDeviceWrappedOntoItsOwnLine_isOneRow() throws Exception {
        // GNU df without -P, as it prints an LVM volume whose name does not fit its column.
        List<DfRow> rows = DfParser.parse("""
                Filesystem                          Size  Used Avail Use% Mounted on
                /dev/mapper/pve--data--vg-vm--100--disk--0
                                                     32G   30G  2.0G  94% /srv/vm data
                """);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("/dev/mapper/pve--data--vg-vm--100--disk--0");
            assertThat(r.mountPoint()).isEqualTo("/srv/vm data");
            assertThat(r.percent()).isEqualTo(94);
        });
    }

    @Test
    void dfMacOsWithInodeColumns_findsTheMountPointAfterThem() throws Exception {
        // macOS df -h prints iused, ifree and %iused between capacity and the mount point.
        List<DfRow> rows = DfParser.parse("""
                Filesystem       Size   Used  Avail Capacity iused      ifree %iused  Mounted on
                /dev/disk3s1s1  460Gi  9.5Gi  303Gi     4%  404167 3177904440    0%   /
                """);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.mountPoint()).isEqualTo("/");
            assertThat(r.percent()).isEqualTo(4);
        });
    }

    @Test
    void dfLineNotUnderstood_isLeftOutWithANote() {
        List<Finding> findings = inspector("df").inspect("""
                Filesystem      Size  Used Avail Use% Mounted on
                /dev/sda1        50G   46G  4.0G  92% /
                --- truncated by the chat window ---
                """);

        Finding root = only(findings, "/");
        assertThat(root.severity()).isEqualTo(Severity.WARN);
        assertThat(root.message()).endsWith("(left out 1 line not understood, first: \"--- truncated by the chat window ---\")");
    }

    @Test
    void zpoolListFromOlderFreeBsd_readsVdevRowsWithoutHealth() throws Exception {
        List<PoolUsage> pools = ZpoolListParser.parse(Fixtures.read("public/zpool/list-v-freebsd-no-health-on-vdevs.txt"));

        assertThat(pools).extracting(PoolUsage::name).containsExactly("p1", "zroot");
        assertThat(pools.get(0).vdevs()).hasSize(6);
        assertThat(pools.get(0).vdevs().get(0)).isEqualTo(new PoolUsage.VdevUsage("mirror", "data", "-", OptionalDouble.of(1)));
        assertThat(pools.get(0).vdevs().get(1)).isEqualTo(new PoolUsage.VdevUsage("ada1", "data", "-", OptionalDouble.empty()));
        assertThat(inspect("zpool-list", "public/zpool/list-v-freebsd-no-health-on-vdevs.txt"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void zpoolListWithCheckpointColumnAndFractionalVdevCapacity_isOk() {
        assertThat(inspect("zpool-list", "public/zpool/list-v-openzfs-2.1-draid-file-vdevs.txt"))
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.OK);
                    assertThat(f.message()).doesNotContain("not understood");
                });
    }

    @Test
    void findmntTreeWithHeader_readsEveryMountIncludingOneWithASpace() throws Exception {
        for (String fixture : List.of("captured/findmnt-tree-utf8-loop-tmpfs-bind-with-space.txt",
                "captured/findmnt-tree-ascii-loop-tmpfs-bind-with-space.txt", "captured/findmnt-l-loop-tmpfs-bind-with-space.txt")) {
            List<MountEntry> entries = FindmntParser.parse(Fixtures.read(fixture));

            assertThat(entries).as(fixture).containsExactly(
                    new MountEntry("/mnt/ct-data", "/dev/loop0", "ext4", "rw,relatime"),
                    new MountEntry("/mnt/ct-data/cache", "tmpfs", "tmpfs", "rw,relatime,size=1572864k"),
                    new MountEntry("/mnt/ct-data/media library", "/dev/vda[/srv/media]", "ext4",
                            "rw,relatime,discard,resv_strict,resuid=65534,resgid=65534"));
        }
    }

    @Test
    void systemctlFailedWithEscapedBulletArrowsAndPagerCuts_findsTheUnitAndNotesTheCommandLine() {
        List<Finding> findings = inspect("systemctl-failed", "public/systemd/systemctl-failed-escaped-bullet-legend-arrow-pager-cut.txt");

        Finding unit = only(findings, "systemd-networkd-persistent-storage.service");
        assertThat(unit.severity()).isEqualTo(Severity.CRIT);
        assertThat(unit.message()).isEqualTo("systemd-networkd-persistent-storage.service failed (Enable Persi>)"
                + " (left out 1 line not understood, first: \"sudo systemctl --failed\")");
    }

    @Test
    void systemctlFailedWithBulletAndLegend_isOneCriticalUnit() {
        List<Finding> findings = inspect("systemctl-failed", "public/systemd/systemctl-failed-bullet-legend-user-manager.txt");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("user@975.service");
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
            assertThat(f.message()).isEqualTo("user@975.service failed (User Manager for UID 975)");
        });
    }

    @Test
    void systemctlFailedFromOlderSystemdWithoutBullet_isCritical() {
        Finding f = only(inspect("systemctl-failed", "public/systemd/systemctl-failed-no-bullet-apache2-legend.txt"),
                "apache2.service");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
    }

    @Test
    void systemctlLineCutBeforeItsColumns_stillCountsTheUnit() {
        List<Finding> findings = inspector("systemctl-failed").inspect("""
                  UNIT                          LOAD   ACTIVE SUB    DESCRIPTION
                × mnt-nas\\x2dmedia.mount
                × backup-nightly.service        loaded failed failed Nightly ba
                """);

        assertThat(findings).extracting(Finding::subject).containsExactly("mnt-nas\\x2dmedia.mount", "backup-nightly.service");
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRIT));
    }

    @Test
    void colouredCrLfPaste_isReadLikeThePlainText() {
        String plain = Fixtures.read("public/systemd/systemctl-failed-bullet-legend-user-manager.txt");
        String coloured = plain.replace("● user@975.service", "\u001B[0;1;31m●\u001B[0m user@975.service")
                .replace("failed failed", "\u001B[0;1;31mfailed\u001B[0m \u001B[0;1;31mfailed\u001B[0m")
                .replace("\n", "\r\n");

        assertThat(inspector("systemctl-failed").inspect(coloured)).isEqualTo(inspector("systemctl-failed").inspect(plain));
    }

    @Test
    void dfWithGroupedNumbers_readsTheThousandsSeparators() throws Exception {
        // df -P with the ' flag people put in BLOCK_SIZE to get grouped figures.
        List<DfRow> rows = DfParser.parse("""
                Filesystem     1K-blocks       Used  Available Capacity Mounted on
                /dev/sda1      1,921,724,608 1,726,031,212 98,002,012 95% /srv
                """);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.total()).isEqualTo(1_921_724_608L);
            assertThat(r.percent()).isEqualTo(95);
        });
    }

    @Test
    void textWithNothingUnderstood_isUnknown() {
        assertThat(inspector("systemctl-failed").inspect("Welcome to the machine\nhave a nice day\n"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.UNKNOWN));
    }
}
