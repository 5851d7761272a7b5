package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.exec.Command;
import org.junit.jupiter.api.Test;

class SnapraidCheckTest {
    private static final SnapraidCheck CHECK = new SnapraidCheck();

    private static ScriptedContext nas() {
        return new ScriptedContext(CHECK, ScriptedContext.host("nas", "snapraid", "smart"));
    }

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void runsOnlyOnHostsTaggedSnapraid() {
        assertThat(CHECK.appliesTo(ScriptedContext.host("nas", "snapraid"))).isTrue();
        assertThat(CHECK.appliesTo(ScriptedContext.host("pve", "zfs", "proxmox"))).isFalse();
    }

    @Test
    void isInTheCatalogueWithItsThresholdAndSixParsers() {
        Catalogue c = Catalogue.standard();

        assertThat(c.check("snapraid")).containsInstanceOf(SnapraidCheck.class);
        assertThat(c.thresholdNames()).containsEntry("snapraid", Set.of("scrub-max-age-days", "smart-fail-percent-warn", "smart-fail-percent-crit"));
        assertThat(c.inspectors()).filteredOn(i -> i.check().equals("snapraid")).extracting(i -> i.id())
                .containsExactly("snapraid-status", "snapraid-diff", "snapraid-sync", "snapraid-scrub", "snapraid-smart",
                        "snapraid-check");
    }

    @Test
    void healthyArray_isOk_andStatusRanAsRoot() throws Exception {
        ScriptedContext ctx = nas().answer("snapraid status", Fixtures.read("snapraid/real/4-status.txt"));

        Finding f = single(ctx.run());

        assertThat(f.host()).isEqualTo("nas");
        assertThat(f.check()).isEqualTo("snapraid");
        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("no errors; oldest block scrubbed 0 days ago");
        Command asked = ctx.asked().get(0);
        assertThat(asked.argv()).containsExactly("snapraid", "status");
        assertThat(asked.root()).isTrue();
        assertThat(ctx.asked()).hasSize(1);
    }

    @Test
    void errorsInTheArray_areCritical() throws Exception {
        Finding f = single(nas().answer("snapraid status", Fixtures.read("snapraid/captured/11-status-danger.txt")).run());

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).startsWith("1 error in the array (block 18)");
        assertThat(f.metrics()).containsEntry("errors", 1.0);
    }

    @Test
    void oldestScrubPastTheThreshold_warns() throws Exception {
        String status = Fixtures.read("snapraid/public/status-no-error-detected.txt");

        Finding byDefault = single(nas().answer("snapraid status", status).run());
        Finding strict = single(nas().answer("snapraid status", status).thresholds(Map.of("scrub-max-age-days", 60.0)).run());

        assertThat(byDefault.severity()).isEqualTo(Severity.OK);
        assertThat(strict.severity()).isEqualTo(Severity.WARN);
        assertThat(strict.message()).startsWith("oldest block scrubbed 69 days ago (warning after 60 days); no errors");
        assertThat(strict.runbook()).isEqualTo("runbook/snapraid#scrub");
    }

    @Test
    void contentWarningOnStderr_isRead() throws Exception {
        String text = Fixtures.read("snapraid/captured/30-status-content-copy-missing.txt");
        String warning = text.lines().filter(l -> l.startsWith("WARNING! Content file")).findFirst().orElseThrow();
        String stdout = text.replace(warning + "\n", "");

        Finding f = single(nas().answer("snapraid status", 0, stdout, warning + "\n").run());

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#content-files");
    }

    @Test
    void anotherSnapraidRunning_isUnknownNotAFailure() throws Exception {
        Finding f = single(nas().answer("snapraid status", 1, "Self test...\n",
                "The lock file '/var/snapraid/snapraid.content.lock' is already locked!\nSnapRAID is already in use!\n").run());

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#already-in-use");
    }

    @Test
    void snapraidNotInstalled_isToolMissing() {
        assertThatThrownBy(() -> nas().run()).isInstanceOf(ToolMissingException.class)
                .hasMessage("snapraid is not installed or not on the PATH");
    }

    @Test
    void missingConfiguration_isUnknownAndQuotesSnapraid() throws Exception {
        ScriptedContext ctx = nas().answer("snapraid status", 1, "Self test...\n",
                "No configuration file found at '/etc/snapraid.conf'\n");

        Finding f = single(ctx.run());

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("snapraid status failed: No configuration file found at '/etc/snapraid.conf'");
    }

    @Test
    void timeout_isUnparseable() {
        ScriptedContext ctx = nas().answer("snapraid status", 124, "Self test...\nLoading state from /x...\n", "");

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("snapraid status did not finish within 3 minutes");
    }
}
