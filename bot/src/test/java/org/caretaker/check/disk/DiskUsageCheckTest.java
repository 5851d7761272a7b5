package org.caretaker.check.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.junit.jupiter.api.Test;

class DiskUsageCheckTest {

    @Test
    void healthyHost_isOkAndSkipsPseudoFilesystems() {
        List<Finding> findings = inspect("df", "captured/df-PT-debian12-healthy.txt");

        assertThat(findings).extracting(Finding::subject).containsExactly("/");
        Finding root = only(findings, "/");
        assertThat(root.severity()).isEqualTo(Severity.OK);
        assertThat(root.message()).isEqualTo("/ is 22% full");
        assertThat(root.metrics()).containsEntry("used_percent", 22.0).containsEntry("total", 264212084.0);
        assertThat(root.runbook()).isEqualTo("runbook/disks#disk-full");
    }

    @Test
    void withoutTypeColumn_pseudoFilesystemsAreStillSkipped() {
        List<Finding> findings = inspect("df", "captured/df-P-debian12-healthy-no-type.txt");

        assertThat(findings).extracting(Finding::subject).containsExactly("/");
    }

    @Test
    void ninetyPercent_isWarning() {
        Finding f = only(inspect("df", "captured/df-PT-loop-ext4-90pct-warn.txt"), "/mnt/ct-full");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/mnt/ct-full is 90% full (warning at 85%)");
    }

    @Test
    void fullFilesystem_isCritical() {
        Finding f = only(inspect("df", "captured/df-PT-loop-ext4-100pct-full.txt"), "/mnt/ct-full");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("/mnt/ct-full is 100% full (critical at 95%)");
    }

    @Test
    void exhaustedInodes_areCritical() {
        List<Finding> findings = inspect("df-inodes", "captured/df-PiT-loop-ext4-100pct-inodes.txt");

        assertThat(only(findings, "/mnt/ct-full").severity()).isEqualTo(Severity.CRIT);
        assertThat(only(findings, "/mnt/ct-full").message()).isEqualTo("/mnt/ct-full is 100% of inodes used (critical at 95%)");
        assertThat(only(findings, "/").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void mountPointWithSpaces_isKeptWhole() throws Exception {
        List<DfRow> rows = DfParser.parse("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "//nas/media 100 91 9 91% /mnt/my media\n");

        assertThat(rows).containsExactly(new DfRow("//nas/media", "", 100, 91, 9, 91, "/mnt/my media"));
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        List<Finding> findings = org.caretaker.check.Fixtures.inspector("df").inspect("sh: 1: df: Permission denied\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("no df line (a filesystem, its size, used, available, use% and mount point): \"sh: 1: df: Permission denied\"");
        });
    }
}
