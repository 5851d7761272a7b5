package org.caretaker.check.sysctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.inspector;
import static org.caretaker.check.Fixtures.only;

import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.junit.jupiter.api.Test;

class FreezeHardeningCheckTest {

    @Test
    void debianDefaults_warnAboutInotifyAndTheMissingWatchdog() {
        List<Finding> findings = inspect("sysctl", "captured/sysctl-freeze-hardening-debian12-vm.txt");

        assertThat(findings).extracting(Finding::subject).containsExactly("fs.inotify.max_user_watches",
                "fs.inotify.max_user_instances", "kernel.panic", "kernel.hung_task_timeout_secs", "watchdog");
        assertThat(findings).extracting(Finding::severity)
                .containsExactly(Severity.WARN, Severity.WARN, Severity.OK, Severity.OK, Severity.WARN);
        assertThat(findings).extracting(Finding::message).containsExactly(
                "fs.inotify.max_user_watches is 192536, below 524288: k3s pods and their file watchers run out of inotify watches",
                "fs.inotify.max_user_instances is 128, below 512: k3s pods and their file watchers run out of inotify instances",
                "kernel.panic is 1: the host reboots 1 second after a panic",
                "kernel.hung_task_timeout_secs is 120: tasks blocked for 120 seconds are reported",
                "no watchdog device (/dev/watchdog): nothing reboots the host when it freezes "
                        + "(enable the hardware watchdog or load softdog)");
        assertThat(findings).extracting(Finding::runbook).containsExactly("runbook/freeze#inotify-limits",
                "runbook/freeze#inotify-limits", "runbook/freeze#kernel-panic-reboot", "runbook/freeze#hung-task-timeout",
                "runbook/freeze#watchdog");
        assertThat(only(findings, "fs.inotify.max_user_watches").metrics()).containsEntry("value", 192536.0);
        assertThat(only(findings, "watchdog").metrics()).containsExactlyInAnyOrderEntriesOf(
                Map.of("devices", 0.0, "lockup_detector", 1.0, "softlockup_panic", 0.0));
    }

    @Test
    void tunedHost_leavesOnlyTheWatchdogWarning() {
        List<Finding> findings = inspect("sysctl", "captured/sysctl-freeze-hardening-tuned.txt");

        assertThat(findings).filteredOn(f -> f.severity() != Severity.OK).extracting(Finding::subject).containsExactly("watchdog");
        assertThat(only(findings, "fs.inotify.max_user_watches").message()).isEqualTo("fs.inotify.max_user_watches is 524288 (at least 524288)");
        assertThat(only(findings, "kernel.panic").message()).isEqualTo("kernel.panic is 10: the host reboots 10 seconds after a panic");
    }

    @Test
    void noRebootAfterPanicAndNoHungTaskReports_areWarnings() {
        List<Finding> findings = inspect("sysctl", "captured/sysctl-freeze-hardening-panic0-hung0.txt");

        Finding panic = only(findings, "kernel.panic");
        assertThat(panic.severity()).isEqualTo(Severity.WARN);
        assertThat(panic.message()).isEqualTo("kernel.panic is 0: the host will not reboot itself after a panic (10 is recommended)");
        Finding hung = only(findings, "kernel.hung_task_timeout_secs");
        assertThat(hung.severity()).isEqualTo(Severity.WARN);
        assertThat(hung.message()).isEqualTo("kernel.hung_task_timeout_secs is 0: hung tasks are never reported (120 is recommended)");
    }

    @Test
    void kernelWithoutHungTaskDetection_isWarning() {
        // Synthetic: the complaint is the one procps sysctl 4.0.2 prints for a key the kernel does not have.
        String text = """
                kernel.panic = 10
                sysctl: cannot stat /proc/sys/kernel/hung_task_timeout_secs: No such file or directory
                /dev/watchdog
                /dev/watchdog0
                """;

        List<Finding> findings = inspector("sysctl").inspect(text);

        Finding hung = only(findings, "kernel.hung_task_timeout_secs");
        assertThat(hung.severity()).isEqualTo(Severity.WARN);
        assertThat(hung.message()).isEqualTo("kernel.hung_task_timeout_secs does not exist: this kernel never reports hung tasks "
                + "(it needs CONFIG_DETECT_HUNG_TASK; 120 is recommended)");
        Finding watchdog = only(findings, "watchdog");
        assertThat(watchdog.severity()).isEqualTo(Severity.OK);
        assertThat(watchdog.message()).isEqualTo("watchdog device present: /dev/watchdog, /dev/watchdog0");
        assertThat(watchdog.metrics()).containsEntry("devices", 2.0);
    }

    @Test
    void plainSysctlOutput_isJudgedWithoutAWatchdogFinding() {
        // Synthetic: someone pasted only `sysctl kernel.panic kernel.hung_task_timeout_secs`.
        List<Finding> findings = inspector("sysctl").inspect("kernel.panic = 10\nkernel.hung_task_timeout_secs = 120\n");

        assertThat(findings).extracting(Finding::subject).containsExactly("kernel.panic", "kernel.hung_task_timeout_secs");
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(inspector("sysctl").inspect("sh: 1: sysctl: Permission denied\n")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("unexpected line in sysctl output: \"sh: 1: sysctl: Permission denied\"");
        });
    }

    @Test
    void watchdogListingAlone_isUnknown() {
        assertThat(inspector("sysctl").inspect("ls: cannot access '/dev/watchdog*': No such file or directory\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
                    assertThat(f.message()).isEqualTo("no kernel settings (key = value) in the sysctl output: "
                            + "\"ls: cannot access '/dev/watchdog*': No such file or directory\"");
                });
    }

    @Test
    void emptyText_isUnknown() {
        assertThat(inspector("sysctl").inspect("")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("no kernel settings (key = value) in the sysctl output: (no output)");
        });
    }

    @Test
    void appliesToProxmoxK3sAndOptedInHostsOnly() {
        FreezeHardeningCheck check = new FreezeHardeningCheck();

        assertThat(check.appliesTo(ScriptedContext.host("pve", "proxmox"))).isTrue();
        assertThat(check.appliesTo(ScriptedContext.host("node1", "k3s"))).isTrue();
        assertThat(check.appliesTo(ScriptedContext.host("nas", "freeze-hardening"))).isTrue();
        assertThat(check.appliesTo(ScriptedContext.host("nas", "zfs"))).isFalse();
    }

    @Test
    void run_onProxmoxHost_leavesInotifyLimitsAlone() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new FreezeHardeningCheck(), ScriptedContext.host("pve", "proxmox"))
                .answer("sysctl fs.inotify", Fixtures.read("captured/sysctl-freeze-hardening-debian12-vm.txt"));

        List<Finding> findings = ctx.run();

        assertThat(ctx.asked()).singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("sh", "-c", FreezeHardeningCheck.SCRIPT));
        assertThat(findings).extracting(Finding::subject).containsExactly("kernel.panic", "kernel.hung_task_timeout_secs", "watchdog");
    }

    @Test
    void run_onK3sHost_judgesInotifyLimitsWithHostThresholds() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new FreezeHardeningCheck(), ScriptedContext.host("node1", "k3s"))
                .answer("sysctl fs.inotify", Fixtures.read("captured/sysctl-freeze-hardening-debian12-vm.txt"))
                .thresholds(Map.of("min-inotify-instances", 128.0));

        List<Finding> findings = ctx.run();

        assertThat(only(findings, "fs.inotify.max_user_watches").severity()).isEqualTo(Severity.WARN);
        assertThat(only(findings, "fs.inotify.max_user_instances").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "fs.inotify.max_user_instances").message()).isEqualTo("fs.inotify.max_user_instances is 128 (at least 128)");
    }

    @Test
    void run_withoutSysctl_isToolMissing() {
        // The script exits 127 itself when sysctl is not found, as the shell would.
        ScriptedContext ctx = new ScriptedContext(new FreezeHardeningCheck(), ScriptedContext.host("node1", "k3s"))
                .answer("sysctl fs.inotify", 127, "", "");

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("sysctl is not installed or not on the PATH");
    }
}
