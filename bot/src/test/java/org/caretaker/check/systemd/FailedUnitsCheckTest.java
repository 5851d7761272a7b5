package org.caretaker.check.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.inspector;
import static org.caretaker.check.Fixtures.only;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

/**
 * This machine's PID 1 is not systemd, so the only real systemctl output here is the refusal; the outputs with
 * units are synthetic, written in the format of systemctl 252 and marked as such.
 */
class FailedUnitsCheckTest {

    @Test
    void hostWithoutSystemd_isUnknownNotOk() {
        assertThat(inspect("systemctl-failed", "captured/systemctl-failed-no-systemd.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("this host does not run systemd (PID 1 is another init), so it has no unit states;"
                    + " turn the check off here with checks: {skip: [failed-units]} on the host: "
                    + "\"System has not been booted with systemd as init system (PID 1). Can't operate. ⏎ "
                    + "Failed to connect to bus: Host is down\"");
        });
    }

    @Test
    void noFailedUnits_isOneOkSummary() {
        // --no-legend prints nothing at all when no unit has failed.
        assertThat(inspector("systemctl-failed").inspect("")).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("-");
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("no failed systemd units");
            assertThat(f.metrics()).containsEntry("failed_units", 0.0);
            assertThat(f.runbook()).isEqualTo("runbook/systemd#failed-units");
        });
    }

    @Test
    void plainFailedUnits_areEachCritical() {
        // Synthetic, systemctl 252 --failed --no-legend --plain: columns padded to the longest unit name.
        String text = """
                mnt-nas\\x2dmedia.mount loaded failed failed /mnt/nas-media
                smartmontools.service   loaded failed failed Self Monitoring and Reporting Technology (SMART) Daemon
                """;

        List<Finding> findings = inspector("systemctl-failed").inspect(text);

        assertThat(findings).extracting(Finding::subject).containsExactly("mnt-nas\\x2dmedia.mount", "smartmontools.service");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
            assertThat(f.runbook()).isEqualTo("runbook/systemd#failed-units");
            assertThat(f.metrics()).containsEntry("failed_units", 2.0);
        });
        assertThat(only(findings, "mnt-nas\\x2dmedia.mount").message()).isEqualTo("mnt-nas\\x2dmedia.mount failed: "
                + "/mnt/nas-media is not mounted (for a CIFS or NFS share, check the server and the credentials)");
        assertThat(only(findings, "smartmontools.service").message())
                .isEqualTo("smartmontools.service failed (Self Monitoring and Reporting Technology (SMART) Daemon)");
    }

    @Test
    void failedAutomount_saysTheShareWillNotMountOnAccess() {
        // Synthetic --plain line for an fstab entry with x-systemd.automount.
        Finding f = only(inspector("systemctl-failed").inspect("srv-backup.automount loaded failed failed srv-backup.automount\n"),
                "srv-backup.automount");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("srv-backup.automount failed: /srv/backup will not be mounted on access (CIFS/NFS automount)");
    }

    @Test
    void legacyTableWithBulletAndLegend_isParsed() {
        // Synthetic, systemctl 252 --failed without --plain and --no-legend, in a UTF-8 locale.
        String text = """
                  UNIT               LOAD      ACTIVE SUB    DESCRIPTION
                ● docker.service     loaded    failed failed Docker Application Container Engine
                ● zfs-import.service not-found failed failed zfs-import.service

                LOAD   = Reflects whether the unit definition was properly loaded.
                ACTIVE = The high-level unit activation state, i.e. generalization of SUB.
                SUB    = The low-level unit activation state, values depend on unit type.
                2 loaded units listed.
                """;

        List<Finding> findings = inspector("systemctl-failed").inspect(text);

        assertThat(findings).extracting(Finding::subject).containsExactly("docker.service", "zfs-import.service");
        assertThat(only(findings, "docker.service").message()).isEqualTo("docker.service failed (Docker Application Container Engine)");
        assertThat(only(findings, "zfs-import.service").message()).isEqualTo("zfs-import.service failed; its unit file is not-found");
    }

    @Test
    void legacyTableInTheCLocale_usesAStarForTheBullet() {
        // Synthetic: with LC_ALL=C systemctl prints "*" where a UTF-8 terminal gets "●".
        String text = """
                  UNIT          LOAD   ACTIVE SUB    DESCRIPTION
                * nginx.service loaded failed failed A high performance web server and a reverse proxy server

                LOAD   = Reflects whether the unit definition was properly loaded.
                ACTIVE = The high-level unit activation state, i.e. generalization of SUB.
                SUB    = The low-level unit activation state, values depend on unit type.
                1 loaded units listed.
                """;

        assertThat(inspector("systemctl-failed").inspect(text)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("nginx.service");
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
        });
    }

    @Test
    void legacyTableWithoutFailures_isOk() {
        // Synthetic, systemctl 252 --failed on a healthy host without --no-legend.
        String text = "  UNIT LOAD ACTIVE SUB DESCRIPTION\n0 loaded units listed.\n";

        assertThat(inspector("systemctl-failed").inspect(text)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("no failed systemd units");
        });
    }

    @Test
    void rootMountUnit_isTheRootDirectory() {
        assertThat(FailedUnitsCheck.mountPath("-.mount")).isEqualTo("/");
        assertThat(FailedUnitsCheck.mountPath("mnt-media\\x20library.mount")).isEqualTo("/mnt/media library");
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(inspector("systemctl-failed").inspect("Unknown command verb --failed.\n")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("not the output of systemctl --failed: \"Unknown command verb --failed.\"");
        });
    }

    @Test
    void run_asksForFailedUnitsOnlyInPlainForm() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new FailedUnitsCheck(), ScriptedContext.host("pve", "proxmox"))
                .answer("systemctl --failed", "");

        List<Finding> findings = ctx.run();

        assertThat(ctx.asked()).singleElement().satisfies(c ->
                assertThat(c.argv()).containsExactly("systemctl", "--failed", "--no-legend", "--plain", "--no-pager"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("pve");
            assertThat(f.severity()).isEqualTo(Severity.OK);
        });
    }

    @Test
    void run_onHostWithoutSystemd_isUnknownWithTheReason() {
        ScriptedContext ctx = new ScriptedContext(new FailedUnitsCheck(), ScriptedContext.host("alpine"))
                .answer("systemctl --failed", 1, "", Fixtures.read("captured/systemctl-failed-no-systemd.txt"));

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("this host does not run systemd (PID 1 is another init), so it has no unit states;"
                        + " turn the check off here with checks: {skip: [failed-units]} on the host");
    }

    @Test
    void run_otherFailure_isUnknown() {
        ScriptedContext ctx = new ScriptedContext(new FailedUnitsCheck(), ScriptedContext.host("pve"))
                .answer("systemctl --failed", 1, "", "Access denied\n");

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("systemctl --failed exited with status 1");
    }

    @Test
    void run_withoutSystemctl_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new FailedUnitsCheck(), ScriptedContext.host("alpine"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("systemctl is not installed or not on the PATH");
    }
}
