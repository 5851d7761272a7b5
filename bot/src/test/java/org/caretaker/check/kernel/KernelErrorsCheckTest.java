package org.caretaker.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.inspector;
import static org.caretaker.check.Fixtures.only;

import java.time.Instant;
import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class KernelErrorsCheckTest {
    private static final List<String> CATEGORIES =
            List.of("io-errors", "hung-tasks", "oom-kills", "hardware-errors", "usb-disconnects", "conntrack-full",
                    "read-only-remount", "filesystem-errors", "network-filesystems", "nvme-resets", "scsi-aborts",
                    "memory-errors", "thermal-throttling", "soft-lockups", "rcu-stalls");

    @Test
    void healthyBoot_isOkInEveryCategory() {
        List<Finding> findings = inspect("kernel-log", "captured/dmesg-debian12-vm-healthy.txt");

        assertThat(findings).extracting(Finding::subject).containsExactlyElementsOf(CATEGORIES);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
        assertThat(findings).extracting(Finding::message).containsExactly(
                "no I/O errors in the kernel log",
                "no hung tasks in the kernel log",
                "no OOM kills in the kernel log",
                "no hardware errors in the kernel log",
                "no USB disconnects in the kernel log",
                "no conntrack table-full messages in the kernel log",
                "no read-only remounts in the kernel log",
                "no filesystem error messages in the kernel log",
                "no network filesystem timeouts in the kernel log",
                "no NVMe timeouts and resets in the kernel log",
                "no SCSI task aborts in the kernel log",
                "no EDAC memory error reports in the kernel log",
                "no thermal throttling messages in the kernel log",
                "no CPU lockups in the kernel log",
                "no RCU stalls in the kernel log");
        assertThat(findings).extracting(Finding::runbook).containsExactlyElementsOf(
                CATEGORIES.stream().map(c -> "runbook/kernel#" + c).toList());
        assertThat(only(findings, "io-errors").metrics()).containsEntry("io_errors", 0.0);
    }

    @Test
    void loopDeviceIoErrorInAnOtherwiseHealthyBoot_isStillCritical() {
        // Decision: an I/O error on a loop device counts like any other. The log cannot tell a harmless flush
        // on a read-only snap image from a failing disk under an image file; a person can acknowledge it.
        // The boot's info lines "EDAC MC: Ver: 3.0.0" and "RAS: Correctable Errors collector initialized."
        // must not count as hardware errors.
        List<Finding> findings = inspect("kernel-log", "public/kernel/dmesg-full-boot-ubuntu-5.4-vm-with-loop-io-error.txt");

        Finding io = only(findings, "io-errors");
        assertThat(io.severity()).isEqualTo(Severity.CRIT);
        assertThat(io.message()).isEqualTo("1 I/O error message in the kernel log, latest on loop11: "
                + "\"blk_update_request: I/O error, dev loop11, sector 0 op 0x1:(WRITE) flags 0x800 phys_seg 0 prio class…\"");
        assertThat(io.metrics()).containsEntry("io_errors", 1.0);
        assertThat(findings).filteredOn(f -> !f.subject().equals("io-errors"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void scsiMediumErrorInRfc5424Log_isCritical() {
        Finding io = only(inspect("kernel-log", "public/kernel/kernlog-scsi-medium-error-unrecovered-read-rfc5424.txt"), "io-errors");

        assertThat(io.severity()).isEqualTo(Severity.CRIT);
        assertThat(io.message()).isEqualTo("2 I/O error messages in the kernel log, latest on sdb: "
                + "\"print_req_error: critical medium error, dev sdb, sector 8724376\"");
        assertThat(io.runbook()).isEqualTo("runbook/kernel#io-errors");
    }

    @Test
    void ext4ErrorsFromTheCheckScript_areCriticalFilesystemErrors() {
        Finding fs = only(inspect("kernel-log", "captured/kernel-log-script-ext4-deleted-inode.txt"), "filesystem-errors");

        assertThat(fs.severity()).isEqualTo(Severity.CRIT);
        assertThat(fs.message()).isEqualTo("2 filesystem error messages in the kernel log, latest on loop0: "
                + "\"EXT4-fs error (device loop0): ext4_lookup:1789: inode #12: comm cat: deleted inode referenced: 14\"");
    }

    @Test
    void hungDfOnFuseInKernLog_isCritical() {
        List<Finding> findings = inspect("kernel-log", "public/kernel/kernlog-hung-task-df-fuse-blocked-120s-5.15.txt");

        Finding hung = only(findings, "hung-tasks");
        assertThat(hung.severity()).isEqualTo(Severity.CRIT);
        assertThat(hung.message()).isEqualTo("1 hung task in the kernel log, latest: df (pid 1177107) blocked for more than 120 seconds");
        assertThat(hung.metrics()).containsEntry("hung_tasks", 1.0);
        assertThat(hung.runbook()).isEqualTo("runbook/kernel#hung-tasks");
        assertThat(only(findings, "io-errors").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void hungTaskWithSyslogAndDmesgTimestamps_isCritical() {
        Finding hung = only(inspect("kernel-log", "public/kernel/kernlog-hung-task-bcache-register-deadlock-4.15.txt"), "hung-tasks");

        assertThat(hung.severity()).isEqualTo(Severity.CRIT);
        assertThat(hung.message()).isEqualTo("1 hung task in the kernel log, latest: bcache-register (pid 2330) blocked for more than 120 seconds");
    }

    @Test
    void writersBlockedOnAFrozenFilesystem_areCountedAsHungTasks() {
        Finding hung = only(inspect("kernel-log", "captured/dmesg-hung-tasks-frozen-ext4-6.18.txt"), "hung-tasks");

        assertThat(hung.severity()).isEqualTo(Severity.CRIT);
        assertThat(hung.message()).isEqualTo("10 hung tasks in the kernel log, latest: touch (pid 10370) blocked for more than 120 seconds");
        assertThat(hung.metrics()).containsEntry("hung_tasks", 10.0);
    }

    @Test
    void oomKill_isWarningCountedOncePerKill() {
        List<Finding> findings = inspect("kernel-log", "public/kernel/dmesg-oom-killer-invoked-mem-info-5.4.txt");

        Finding oom = only(findings, "oom-kills");
        assertThat(oom.severity()).isEqualTo(Severity.WARN);
        assertThat(oom.message()).isEqualTo("1 OOM kill in the kernel log, latest: gnome-shell (pid 955)");
        assertThat(oom.metrics()).containsEntry("oom_kills", 1.0);
        assertThat(oom.runbook()).isEqualTo("runbook/kernel#oom-kills");
        assertThat(findings).filteredOn(f -> !f.subject().equals("oom-kills"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void oomReportCutBeforeTheKill_countsTheInvocation() {
        // Synthetic: the first line of a dmesg OOM report, the log ending before "Killed process".
        Finding oom = only(inspector("kernel-log").inspect(
                "[27742.909073] kworker/0:0 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0\n"), "oom-kills");

        assertThat(oom.severity()).isEqualTo(Severity.WARN);
        assertThat(oom.message()).isEqualTo("1 OOM kill in the kernel log, latest: "
                + "\"kworker/0:0 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0\"");
    }

    @Test
    void zigbeeStickDroppingOff_isUsbDisconnectWarningInDmesgT() {
        // Synthetic, `dmesg -T` shape: a CP210x Zigbee stick dropping off the bus twice.
        String text = """
                [Sun Nov 22 03:25:34 2026] usb 1-1.4: USB disconnect, device number 7
                [Sun Nov 22 03:25:34 2026] cp210x ttyUSB0: cp210x converter now disconnected from ttyUSB0
                [Sun Nov 22 03:25:35 2026] usb 1-1.4: new full-speed USB device number 8 using xhci_hcd
                [Sun Nov 22 03:41:02 2026] usb 1-1.4: USB disconnect, device number 8
                """;

        Finding usb = only(inspector("kernel-log").inspect(text), "usb-disconnects");

        assertThat(usb.severity()).isEqualTo(Severity.WARN);
        assertThat(usb.message()).isEqualTo("2 USB disconnects in the kernel log, latest: usb 1-1.4 (device number 8)");
        assertThat(usb.metrics()).containsEntry("usb_disconnects", 2.0);
        assertThat(usb.runbook()).isEqualTo("runbook/kernel#usb-disconnects");
    }

    @Test
    void machineCheckInKernLog_isCriticalAndOtherProgramsAreIgnored() {
        // Synthetic kern.log/syslog lines; smartd and CRON lines are not the kernel's and must not count.
        String text = """
                Nov 22 03:25:34 pve kernel: [12345.678901] mce: [Hardware Error]: Machine check events logged
                Nov 22 03:25:34 pve kernel: [12345.678950] mce: [Hardware Error]: CPU 2: Machine Check: 0 Bank 7: cc0003c000010090
                Nov 22 03:25:35 pve smartd[812]: Device: /dev/sda [SAT], 8 Currently unreadable (pending) sectors
                Nov 22 03:26:00 pve CRON[999]: (root) CMD (grep 'I/O error' /var/log/kern.log)
                """;

        List<Finding> findings = inspector("kernel-log").inspect(text);

        Finding hw = only(findings, "hardware-errors");
        assertThat(hw.severity()).isEqualTo(Severity.CRIT);
        assertThat(hw.message()).isEqualTo("2 hardware error messages in the kernel log, latest: "
                + "\"mce: [Hardware Error]: CPU 2: Machine Check: 0 Bank 7: cc0003c000010090\"");
        assertThat(hw.runbook()).isEqualTo("runbook/kernel#hardware-errors");
        assertThat(only(findings, "io-errors").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void correctedEdacErrorInRfc5424AndJournalctlLines_isAMemoryWarning() {
        // Synthetic: an RFC 5424 line (rsyslog) and a journalctl -o short-iso line.
        String text = """
                <4>1 2026-11-22T03:25:34.123456+01:00 pve kernel - - - EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#0_DIMM#0 (channel:0 slot:0)
                2026-11-22T03:30:01+0100 pve kernel: EDAC MC: Ver: 3.0.0
                """;

        List<Finding> findings = inspector("kernel-log").inspect(text);
        Finding memory = only(findings, "memory-errors");

        assertThat(memory.severity()).isEqualTo(Severity.WARN);
        assertThat(memory.message()).isEqualTo("1 EDAC memory error report in the kernel log, latest: "
                + "\"EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#0_DIMM#0 (channel:0 slot:0)\"");
        assertThat(only(findings, "hardware-errors").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void journalctlWithNoEntries_isOk() {
        List<Finding> findings = inspector("kernel-log").inspect("-- No entries --\n");

        assertThat(findings).extracting(Finding::subject).containsExactlyElementsOf(CATEGORIES);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void emptyLog_isOkBecauseNothingHappened() {
        // The check's script prints nothing when the kernel logged nothing since the last run.
        List<Finding> findings = inspector("kernel-log").inspect("");

        assertThat(findings).extracting(Finding::subject).containsExactlyElementsOf(CATEGORIES);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void dmesgRefusedWithoutRoot_isUnknownWithExcerpt() {
        assertThat(inspect("kernel-log", "captured/dmesg-nonroot-restricted.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("not a kernel log (no dmesg, syslog or journalctl lines): "
                    + "\"dmesg: read kernel buffer failed: Operation not permitted\"");
        });
    }

    @Test
    void run_firstRunLooksBackADay_withoutSudo() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new KernelErrorsCheck(), ScriptedContext.host("pve", "proxmox"))
                .answer("journalctl -k", Fixtures.read("captured/kernel-log-script-ext4-deleted-inode.txt"));

        List<Finding> findings = ctx.run();

        assertThat(ctx.asked()).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("sh", "-c", KernelErrorsCheck.SCRIPT, "sh", "1795320000");
            assertThat(c.root()).as("never a sudo shell").isFalse();
        });
        assertThat(only(findings, "filesystem-errors").severity()).isEqualTo(Severity.CRIT);
        assertThat(only(findings, "filesystem-errors").host()).isEqualTo("pve");
    }

    @Test
    void run_laterRunsLookBackToTheLastRun() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new KernelErrorsCheck(), ScriptedContext.host("pve"))
                .previousRun(Instant.parse("2026-11-22T04:30:00Z"))
                .answer("journalctl -k", "");

        ctx.run();

        assertThat(ctx.asked()).singleElement().satisfies(c -> assertThat(c.argv()).last().isEqualTo("1795321800"));
    }

    @Test
    void run_dmesgRestrictedWithoutSudo_isUnknownWithAdvice() {
        ScriptedContext ctx = new ScriptedContext(new KernelErrorsCheck(), ScriptedContext.host("pve"))
                .answer("journalctl -k", 1, "", Fixtures.read("captured/dmesg-nonroot-restricted.txt"));

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .isNotInstanceOf(ToolMissingException.class)
                .hasMessage("the kernel log can only be read as root here (kernel.dmesg_restrict is on); let this host use sudo");
    }

    @Test
    void run_journalHiddenFromTheLogin_isUnknownNotOk() {
        // Synthetic: journalctl's hint to a login outside the adm and systemd-journal groups.
        ScriptedContext ctx = new ScriptedContext(new KernelErrorsCheck(), ScriptedContext.host("pve"))
                .answer("journalctl -k", 0, "-- No entries --\n",
                        "Hint: You are currently not seeing messages from other users and the system.\n"
                                + "      Users in groups 'adm', 'systemd-journal' can see all messages.\n");

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("journalctl hides the kernel log from this login; "
                        + "let this host use sudo or add the login to the adm or systemd-journal group");
    }

    @Test
    void run_withoutDmesgOrJournal_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new KernelErrorsCheck(), ScriptedContext.host("pve"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("dmesg is not installed or not on the PATH");
    }
}
