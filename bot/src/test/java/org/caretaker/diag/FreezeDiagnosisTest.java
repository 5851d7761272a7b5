package org.caretaker.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.Severity;
import org.junit.jupiter.api.Test;

class FreezeDiagnosisTest {
    private static final String PVE = "diag/freeze-bundle-pve-hung-task-after-backup.txt";
    private static final String VM = "diag/freeze-bundle-debian12-vm-no-previous-boot.txt";

    private static List<Finding> analyze(String fixture) {
        return FreezeDiagnosis.analyze(Bundle.parse(Fixtures.read(fixture)), List.of());
    }

    @Test
    void freezeAfterBackup_summaryTellsTheStoryOfTheNight() {
        Finding summary = analyze(PVE).get(0);

        assertThat(summary.subject()).isEqualTo("summary");
        assertThat(summary.severity()).isEqualTo(Severity.CRIT);
        assertThat(summary.message()).isEqualTo("last log 03:25:34, 25 min after the 03:00 vzdump job backup-8a1c2f9e-4b7d; "
                + "no clean shutdown; kernel.panic=0, so the host will not reboot itself");
        assertThat(summary.runbook()).isEqualTo("runbook/freeze#after-a-freeze");
    }

    @Test
    void freezeAfterBackup_eachPieceOfEvidenceIsAFindingWithItsRunbook() {
        List<Finding> f = analyze(PVE);

        assertThat(Fixtures.only(f, "last-log").message())
                .isEqualTo("the previous boot's last log line, 2024-02-04 03:25:34: \"pve pvestatd[1188]: status update time (5.306 seconds)\"");
        Finding shutdown = Fixtures.only(f, "shutdown");
        assertThat(shutdown.severity()).isEqualTo(Severity.CRIT);
        assertThat(shutdown.message()).isEqualTo("the previous boot did not shut down cleanly (a freeze, a reset or a power cut): "
                + "the journal ends without a shutdown; last -x shows a boot with no shutdown before it");
        Finding job = Fixtures.only(f, "scheduled-work");
        assertThat(job.severity()).isEqualTo(Severity.WARN);
        assertThat(job.metrics()).containsEntry("minutes_after_job", 25.0);
        assertThat(job.runbook()).isEqualTo("runbook/freeze#fewer-freezes");
        assertThat(Fixtures.only(f, "kernel.panic").severity()).isEqualTo(Severity.WARN);
        assertThat(Fixtures.only(f, "watchdog").severity()).isEqualTo(Severity.WARN);
        Finding hung = Fixtures.only(f, "hung-tasks");
        assertThat(hung.severity()).isEqualTo(Severity.CRIT);
        assertThat(hung.message()).isEqualTo("1 hung task in the previous boot's kernel log, latest: df (pid 1177107) blocked for more than 120 seconds");
        assertThat(Fixtures.only(f, "kernel-errors").message()).startsWith("1 kernel error line in the previous boot, the last: ");
        Finding inotify = Fixtures.only(f, "inotify");
        assertThat(inotify.severity()).isEqualTo(Severity.WARN);
        assertThat(inotify.message()).isEqualTo("121 inotify instances in use (that this login can see), max_user_instances is 128, "
                + "max_user_watches 65536: close to the limit");
        assertThat(Fixtures.only(f, "usb").message()).startsWith("3 USB devices and hubs attached now");
        assertThat(Fixtures.only(f, "kernel-version").message()).isEqualTo("kernel 6.8.12-4-pve");
        assertThat(Fixtures.only(f, "ram").message()).isEqualTo("31.3 GiB RAM, 9.4 GiB available, swap 8.0 GiB");
        assertThat(Fixtures.only(f, "storage-controllers").message()).contains("SATA controller: Intel Corporation");
        assertThat(f).allSatisfy(x -> assertThat(x.runbook()).startsWith("runbook/"));
    }

    /** The hand-assembled freeze with the previous boot's kernel log swapped for another public one. */
    private static List<Finding> withKernelLog(String publicLog) {
        Bundle pve = Bundle.parse(Fixtures.read(PVE));
        List<Section> sections = pve.sections().stream()
                .map(s -> s.label().equals("kernel-warnings")
                        ? new Section(s.label(), s.command(), 0, Fixtures.read(publicLog), "", "") : s)
                .toList();
        return FreezeDiagnosis.analyze(new Bundle(pve.kind(), pve.host(), pve.taken(), sections), List.of());
    }

    @Test
    void previousBootWithMediumErrors_isAnIoErrorFinding() {
        Finding io = Fixtures.only(withKernelLog("public/kernel/kernlog-scsi-medium-error-unrecovered-read-rfc5424.txt"), "io-errors");

        assertThat(io.severity()).isEqualTo(Severity.CRIT);
        assertThat(io.message()).contains("in the previous boot's kernel log, latest on sd");
        assertThat(io.runbook()).isEqualTo("runbook/kernel#io-errors");
    }

    @Test
    void previousBootWithAnOomKill_isAWarning() {
        List<Finding> f = withKernelLog("public/kernel/dmesg-oom-killer-invoked-mem-info-5.4.txt");

        Finding oom = Fixtures.only(f, "oom-kills");
        assertThat(oom.severity()).isEqualTo(Severity.WARN);
        assertThat(oom.message()).startsWith("1 OOM kill in the previous boot's kernel log, latest: ");
        assertThat(Fixtures.only(f, "hung-tasks").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void scheduledJobs_areReadFromJobsCfgCronAndTimers() {
        List<FreezeDiagnosis.Job> jobs = FreezeDiagnosis.scheduled(Bundle.parse(Fixtures.read(PVE)));

        assertThat(jobs).extracting(j -> j.name() + "@" + j.time()).containsExactly(
                "vzdump job backup-8a1c2f9e-4b7d@03:00",
                "cron job 'test -x /usr/sbin/anacron || { cd / && run-parts --report /e…'@06:25",
                "cron job 'if [ $(date +\\%w) -eq 0 ] && [ -x /usr/lib/zfs-linux/scrub ]…'@00:00",
                "timer pve-daily-update.timer@08:02",
                "timer fstrim.timer@00:00");
    }

    @Test
    void capturedVmBundle_withoutPreviousBoot_saysToMakeTheJournalPersistent() {
        List<Finding> f = analyze(VM);

        Finding previous = Fixtures.only(f, "previous-boot");
        assertThat(previous.severity()).isEqualTo(Severity.WARN);
        assertThat(previous.message()).startsWith("the journal has no previous boot (\"No journal files were found.")
                .endsWith("make it persistent so the next freeze leaves its last lines");
        assertThat(f.get(0).message()).isEqualTo("kernel.panic=1");
        assertThat(f).noneMatch(x -> x.subject().equals("shutdown") || x.subject().equals("last-log"));
    }

    @Test
    void capturedVmBundle_missingToolsAreFindingsNotFailures() {
        List<Finding> f = analyze(VM);

        Finding usb = Fixtures.only(f, "usb-tree");
        assertThat(usb.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(usb.message()).isEqualTo("lsusb is not installed on this-machine, so the USB tree was not gathered");
        assertThat(usb.runbook()).isEqualTo("runbook/caretaker#tool-missing");
        assertThat(Fixtures.only(f, "storage-controllers").message()).isEqualTo("storage: \"vda 0x1af4\"");
        assertThat(Fixtures.only(f, "inotify").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void journalHiddenFromTheLogin_isSaid() {
        Bundle b = Bundle.parse("""
                # caretaker diag freeze host=nas taken=2026-12-03T07:00:00Z
                ==== journal-last (exit 0): journalctl -b -1 -n 200 --no-pager -o short-iso
                2026-12-03T03:25:34+01:00 nas systemd[812]: Stopped target timers.target - Timers.
                ---- stderr
                Hint: You are currently not seeing messages from other users and the system.
                      Users in groups 'adm', 'systemd-journal' can see all messages.
                """);

        List<Finding> f = FreezeDiagnosis.analyze(b, List.of());

        assertThat(Fixtures.only(f, "journal-access").severity()).isEqualTo(Severity.WARN);
        assertThat(f.get(0).message()).isEqualTo("last log 03:25:34");
    }

    @Test
    void lastX_tellsACleanShutdownFromACrash() {
        assertThat(FreezeDiagnosis.lastSaysClean("""
                reboot   system boot  6.1.0-18-amd64   Mon Feb  5 09:00:12 2024   still running
                shutdown system down  6.1.0-18-amd64   Mon Feb  5 08:59:40 2024 - Mon Feb  5 09:00:12 2024  (00:00)
                reboot   system boot  6.1.0-18-amd64   Thu Feb  1 10:11:09 2024 - Mon Feb  5 08:59:40 2024 (3+22:48)
                """)).contains(true);
        assertThat(FreezeDiagnosis.lastSaysClean("""
                reboot   system boot  6.1.0-18-amd64   Mon Feb  5 09:00:12 2024   still running
                reboot   system boot  6.1.0-18-amd64   Thu Feb  1 10:11:09 2024 - crash
                """)).contains(false);
        assertThat(FreezeDiagnosis.lastSaysClean("\nwtmp begins Tue May 20 00:00:00 2025\n")).isEmpty();
    }
}
