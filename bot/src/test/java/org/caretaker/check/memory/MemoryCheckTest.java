package org.caretaker.check.memory;

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
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class MemoryCheckTest {

    @Test
    void healthyHostWithoutSwap_isOk() {
        List<Finding> findings = inspect("meminfo", "captured/meminfo-debian12-healthy-no-swap.txt");

        assertThat(findings).extracting(Finding::subject).containsExactly("memory", "swap");
        Finding memory = only(findings, "memory");
        assertThat(memory.severity()).isEqualTo(Severity.OK);
        assertThat(memory.message()).isEqualTo("22.9 GiB of 23.5 GiB memory available (97.4%)");
        assertThat(memory.metrics()).containsEntry("available_percent", 97.41)
                .containsEntry("available_bytes", 24044056.0 * 1024)
                .containsEntry("total_bytes", 24683620.0 * 1024);
        assertThat(memory.runbook()).isEqualTo("runbook/memory#low-memory");
        Finding swap = only(findings, "swap");
        assertThat(swap.severity()).isEqualTo(Severity.OK);
        assertThat(swap.message()).isEqualTo("no swap configured");
        assertThat(swap.runbook()).isEqualTo("runbook/memory#swap-in-use");
    }

    @Test
    void littleMemFreeButMuchAvailable_isOk() {
        // MemFree is 3% here; the page cache holds the rest and gives it back on demand.
        Finding memory = only(inspect("meminfo", "public/memory/meminfo-k8s-node-ubuntu-low-memfree-high-available.txt"), "memory");

        assertThat(memory.severity()).isEqualTo(Severity.OK);
        assertThat(memory.message()).isEqualTo("2.6 GiB of 3.8 GiB memory available (68.9%)");
    }

    @Test
    void containerNearlyOutOfMemory_isCritical() {
        Finding memory = only(inspect("meminfo", "captured/meminfo-lxcfs-512m-container-3pct-available.txt"), "memory");

        assertThat(memory.severity()).isEqualTo(Severity.CRIT);
        assertThat(memory.message()).isEqualTo("only 3.1% of memory available (16 MiB of 512 MiB; critical below 5%)");
        assertThat(memory.metrics()).containsEntry("available_percent", 3.08);
    }

    @Test
    void containerLowOnMemory_isWarning() {
        Finding memory = only(inspect("meminfo", "captured/meminfo-lxcfs-512m-container-7pct-available.txt"), "memory");

        assertThat(memory.severity()).isEqualTo(Severity.WARN);
        assertThat(memory.message()).isEqualTo("only 7.3% of memory available (38 MiB of 512 MiB; warning below 10%)");
    }

    @Test
    void swapMostlyUsed_isWarning() {
        List<Finding> findings = inspect("meminfo", "captured/meminfo-swap-78pct-used.txt");

        assertThat(only(findings, "memory").severity()).isEqualTo(Severity.OK);
        Finding swap = only(findings, "swap");
        assertThat(swap.severity()).isEqualTo(Severity.WARN);
        assertThat(swap.message()).isEqualTo("swap is 78.1% used (100 MiB of 128 MiB; warning above 50%)");
        assertThat(swap.metrics()).containsEntry("used_percent", 78.1)
                .containsEntry("used_bytes", 102368.0 * 1024)
                .containsEntry("total_bytes", 131068.0 * 1024);
        assertThat(swap.runbook()).isEqualTo("runbook/memory#swap-in-use");
    }

    @Test
    void oldKernelWithoutMemAvailable_isEstimatedAndSaysSo() {
        // Synthetic: the lines a pre-3.14 kernel prints, in its format, without MemAvailable.
        String text = """
                MemTotal:        1000000 kB
                MemFree:           30000 kB
                Buffers:           10000 kB
                Cached:            20000 kB
                SwapCached:            0 kB
                SwapTotal:       2000000 kB
                SwapFree:        1500000 kB
                """;

        List<Finding> findings = inspector("meminfo").inspect(text);

        Finding memory = only(findings, "memory");
        assertThat(memory.severity()).isEqualTo(Severity.WARN);
        assertThat(memory.message()).isEqualTo("only 6% of memory available (59 MiB of 977 MiB; warning below 10%; "
                + "estimated from MemFree+Buffers+Cached, as this kernel reports no MemAvailable)");
        assertThat(only(findings, "swap").message()).isEqualTo("swap is 25% used (488 MiB of 1.9 GiB)");
    }

    @Test
    void percentagesNearTheThreshold_areNeverShownOnItsOtherSide() {
        // Synthetic: 9.996% available would round to "10%" beside "warning below 10%"; 50.04% swap to "50%".
        String text = """
                MemTotal:         100000 kB
                MemFree:            5000 kB
                MemAvailable:       9996 kB
                SwapTotal:        100000 kB
                SwapFree:          49960 kB
                """;

        List<Finding> findings = inspector("meminfo").inspect(text);

        assertThat(only(findings, "memory").message()).isEqualTo("only 9.9% of memory available (10 MiB of 98 MiB; warning below 10%)");
        assertThat(only(findings, "swap").message()).isEqualTo("swap is 50.1% used (49 MiB of 98 MiB; warning above 50%)");
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        List<Finding> findings = inspector("meminfo").inspect("cat: /proc/meminfo: No such file or directory\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("unexpected line in /proc/meminfo: \"cat: /proc/meminfo: No such file or directory\"");
            assertThat(f.runbook()).isEqualTo("runbook/caretaker#unknown-output");
        });
    }

    @Test
    void emptyText_isUnknown() {
        assertThat(inspector("meminfo").inspect("")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("no MemTotal and MemFree in /proc/meminfo: (no output)");
        });
    }

    @Test
    void run_readsProcMeminfoAndUsesHostThresholds() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new MemoryCheck(), ScriptedContext.host("nas"))
                .answer("cat /proc/meminfo", Fixtures.read("captured/meminfo-lxcfs-512m-container-7pct-available.txt"))
                .thresholds(Map.of("warn-available-percent", 5.0, "crit-available-percent", 2.0));

        List<Finding> findings = ctx.run();

        assertThat(ctx.asked()).singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("cat", "/proc/meminfo"));
        Finding memory = only(findings, "memory");
        assertThat(memory.host()).isEqualTo("nas");
        assertThat(memory.check()).isEqualTo("memory");
        assertThat(memory.severity()).isEqualTo(Severity.OK);
        assertThat(memory.message()).isEqualTo("38 MiB of 512 MiB memory available (7.3%)");
    }

    @Test
    void run_withoutCat_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new MemoryCheck(), ScriptedContext.host("nas"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("cat is not installed or not on the PATH");
    }

    @Test
    void run_withoutProcMeminfo_isUnknown() {
        ScriptedContext ctx = new ScriptedContext(new MemoryCheck(), ScriptedContext.host("nas"))
                .answer("cat /proc/meminfo", 1, "", "cat: /proc/meminfo: No such file or directory\n");

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .isNotInstanceOf(ToolMissingException.class)
                .hasMessage("/proc/meminfo could not be read (exit status 1); is this a Linux host?");
    }
}
