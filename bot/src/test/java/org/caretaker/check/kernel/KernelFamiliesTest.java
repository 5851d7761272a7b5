package org.caretaker.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.inspector;
import static org.caretaker.check.Fixtures.only;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each family of kernel messages on at least two real logs, public or captured, with the severity it gets. */
class KernelFamiliesTest {

    @ParameterizedTest(name = "{0} gives {1} {2}")
    @CsvSource({
            "public/kernel/kernlog-nf-conntrack-table-full-hotsos.txt,                 conntrack-full,      CRIT, 1",
            "public/kernel/syslog-nf-conntrack-table-full-wrapped-starphleet.txt,      conntrack-full,      CRIT, 4",
            "captured/dmesg-ext4-error-remounted-read-only-6.18.txt,                   read-only-remount,   CRIT, 1",
            "captured/dmesg-T-ext4-error-remounted-read-only-6.18.txt,                 read-only-remount,   CRIT, 1",
            "captured/dmesg-xfs-shutdown-log-io-error-6.18.txt,                        read-only-remount,   CRIT, 1",
            "public/kernel/dmesg-btrfs-error-forced-readonly-maharmstone-215.txt,      read-only-remount,   CRIT, 1",
            "captured/dmesg-ext4-error-remounted-read-only-6.18.txt,                   filesystem-errors,   CRIT, 1",
            "public/kernel/syslog-ext4-error-aborting-journal-sonic.txt,               filesystem-errors,   CRIT, 1",
            "public/kernel/dmesg-xfs-metadata-corruption-fcos-784.txt,                 filesystem-errors,   CRIT, 2",
            "captured/dmesg-btrfs-csum-failed-corrupt-block-6.18.txt,                  filesystem-errors,   CRIT, 4",
            "public/kernel/dmesg-btrfs-bdev-errs-corrupt-btrfs-progs-817.txt,          filesystem-errors,   CRIT, 4",
            "public/kernel/dmesg-nfs-server-not-responding-linux-surface-1494.txt,     network-filesystems, WARN, 4",
            "public/kernel/dmesg-T-nfs-server-not-responding-openzfs-15734.txt,        network-filesystems, WARN, 3",
            "public/kernel/bare-cifs-server-not-responded-runeaudio-6.txt,             network-filesystems, WARN, 1",
            "public/kernel/syslog-no-host-cifs-server-not-responded-donnerhacke.txt,   network-filesystems, WARN, 1",
            "public/kernel/dmesg-nvme-timeout-reset-removed-nvme-cli-151.txt,          nvme-resets,         CRIT, 8",
            "public/kernel/dmesg-nvme-io-timeout-aborting-propolis-578.txt,            nvme-resets,         WARN, 3",
            "public/kernel/syslog-nvme-controller-down-raspberrypi-6661.txt,           nvme-resets,         WARN, 2",
            "public/kernel/bare-sd-task-abort-lsi-openzfs-574.txt,                     scsi-aborts,         WARN, 1",
            "public/kernel/dmesg-mptscsih-task-abort-openzfs-2275.txt,                 scsi-aborts,         WARN, 2",
            "public/kernel/syslog-no-host-edac-ce-scrubbing-radiasoft-134.txt,         memory-errors,       WARN, 1",
            "public/kernel/syslog-edac-ce-repeated-osm-errol-300.txt,                  memory-errors,       WARN, 4",
            "public/kernel/dmesg-T-edac-ce-read-error-edac-utils-10.txt,               memory-errors,       WARN, 1",
            "public/kernel/dmesg-thermal-throttled-thinkpad-throttled-186.txt,         thermal-throttling,  WARN, 4",
            "public/kernel/dmesg-thermal-throttled-machine-check-logged-multibootusb-164.txt, thermal-throttling, WARN, 2",
            "public/kernel/dmesg-H-thermal-throttled-minikube-10517.txt,               thermal-throttling,  WARN, 6",
            "public/kernel/dmesg-soft-lockup-cc1plus-starfive-34.txt,                  soft-lockups,        WARN, 1",
            "public/kernel/wall-soft-lockup-chia-plotter-535.txt,                      soft-lockups,        WARN, 1",
            "public/kernel/dmesg-T-rcu-stall-soft-lockup-harvester-564.txt,            soft-lockups,        WARN, 1",
            "public/kernel/dmesg-T-rcu-stall-soft-lockup-harvester-564.txt,            rcu-stalls,          WARN, 1",
            "public/kernel/dmesg-rcu-sched-stall-tetragon-328.txt,                     rcu-stalls,          WARN, 1",
            "public/kernel/syslog-rcu-sched-state-stall-openzfs-557.txt,               rcu-stalls,          WARN, 3",
    })
    void realLog_givesItsFamilyTheExpectedSeverityAndCount(String fixture, String subject, Severity severity, int count) {
        Finding f = only(inspect("kernel-log", fixture), subject);

        assertThat(f.severity()).isEqualTo(severity);
        assertThat(f.metrics().values()).containsExactly((double) count);
        assertThat(f.runbook()).isEqualTo("runbook/kernel#" + subject);
    }

    @Test
    void conntrackTableFull_namesTheMessage() {
        Finding f = only(inspect("kernel-log", "public/kernel/kernlog-nf-conntrack-table-full-hotsos.txt"), "conntrack-full");

        assertThat(f.message()).isEqualTo("1 conntrack table-full message in the kernel log, latest: "
                + "\"nf_conntrack: nf_conntrack: table full, dropping packet\"");
    }

    @Test
    void readOnlyRemount_namesTheDevice() {
        Finding f = only(inspect("kernel-log", "captured/dmesg-ext4-error-remounted-read-only-6.18.txt"), "read-only-remount");

        assertThat(f.message()).isEqualTo("1 read-only remount in the kernel log, latest on loop0: "
                + "\"EXT4-fs (loop0): Remounting filesystem read-only\"");
    }

    @Test
    void nfsTimeout_namesTheServer() {
        Finding f = only(inspect("kernel-log", "public/kernel/dmesg-T-nfs-server-not-responding-openzfs-15734.txt"),
                "network-filesystems");

        assertThat(f.message()).isEqualTo("3 network filesystem timeouts in the kernel log, latest from server 192.168.0.1: "
                + "\"nfs: server 192.168.0.1 not responding, still trying\"");
    }

    @Test
    void throttlingFollowedByMachineCheckLogged_isNotAHardwareError() {
        List<Finding> findings = inspect("kernel-log",
                "public/kernel/dmesg-thermal-throttled-machine-check-logged-multibootusb-164.txt");

        assertThat(only(findings, "hardware-errors").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "thermal-throttling").severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void correctedMemoryErrorsWithMachineCheckLogged_areAWarningNotACriticalHardwareError() {
        List<Finding> findings = inspect("kernel-log", "public/kernel/syslog-edac-ce-repeated-osm-errol-300.txt");

        assertThat(only(findings, "hardware-errors").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "memory-errors").severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void uncorrectedMemoryError_isCritical() {
        // Synthetic: the EDAC line of an uncorrected error, as ghes_edac and sb_edac print it.
        Finding f = only(inspector("kernel-log").inspect(
                "[  261.273300] EDAC MC0: 1 UE memory read error on CPU_SrcID#0_MC#0_Chan#0_DIMM#0 (channel:0 slot:0)\n"),
                "memory-errors");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
    }

    @Test
    void hardLockup_isCritical() {
        // Synthetic: the NMI watchdog's wording for a CPU that stopped taking interrupts.
        Finding f = only(inspector("kernel-log").inspect("[ 1234.567890] watchdog: Watchdog detected hard LOCKUP on cpu 3\n"),
                "soft-lockups");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
    }

    @Test
    void remountOptionErrorsRemountRo_isNotARemount() {
        // Every ext4 root mounted with errors=remount-ro logs this at boot; it is an option, not an event.
        List<Finding> findings = inspector("kernel-log").inspect(
                "[    5.123456] EXT4-fs (nvme0n1p5): re-mounted. Opts: errors=remount-ro. Quota mode: none.\n");

        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }
}
