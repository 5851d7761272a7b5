package org.caretaker.check.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.inspector;

import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class LoadCheckTest {

    @Test
    void quietHost_isOk() {
        List<Finding> findings = inspect("loadavg", "captured/loadavg-2cpu-quiet.txt");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("load");
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("load 0.27 over 15 minutes on 2 CPUs (0.14 per core)");
            assertThat(f.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "load1", 0.66, "load5", 0.60, "load15", 0.27, "cpus", 2.0, "load15_per_core", 0.14));
            assertThat(f.runbook()).isEqualTo("runbook/memory#high-load");
        });
    }

    @Test
    void bareLoadavgLine_assumesOneCpuAndSaysSo() {
        assertThat(inspect("loadavg", "captured/loadavg-bare-line.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("load 0.27 over 15 minutes (0.27 per core with 1 CPU assumed, as the input gave no CPU count)");
            assertThat(f.metrics()).containsEntry("cpus", 1.0);
        });
    }

    @Test
    void tasksStuckOnAFrozenFilesystem_raiseAWarning() {
        assertThat(inspect("loadavg", "captured/loadavg-2cpu-frozen-fs-warn.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).isEqualTo("load 4.05 over 15 minutes on 2 CPUs is 2.03 per core (warning at 2 per core)");
            assertThat(f.metrics()).containsEntry("load1", 38.65).containsEntry("load15_per_core", 2.03);
        });
    }

    @Test
    void fourPerCore_isCritical() {
        assertThat(inspect("loadavg", "captured/loadavg-2cpu-frozen-fs-crit.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
            assertThat(f.message()).isEqualTo("load 8.23 over 15 minutes on 2 CPUs is 4.12 per core (critical at 4 per core)");
        });
    }

    @Test
    void highLoadWithoutCpuCount_isJudgedAsOneCpu() {
        // Synthetic: the frozen-filesystem load line alone.
        assertThat(inspector("loadavg").inspect("54.56 21.99 8.23 5/195 13383\n")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
            assertThat(f.message()).isEqualTo("load 8.23 over 15 minutes is 8.23 per core with 1 CPU assumed, "
                    + "as the input gave no CPU count (critical at 4 per core)");
        });
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(inspector("loadavg").inspect("cat: /proc/loadavg: Permission denied\n")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("not a /proc/loadavg line: \"cat: /proc/loadavg: Permission denied\"");
        });
    }

    @Test
    void somethingOtherThanACpuCountAfterTheLine_isUnknown() {
        assertThat(inspector("loadavg").inspect("0.66 0.60 0.27 1/94 10355\ngetconf: Unrecognized variable\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
                    assertThat(f.message()).isEqualTo("the line after /proc/loadavg is not a CPU count: "
                            + "\"0.66 0.60 0.27 1/94 10355 ⏎ getconf: Unrecognized variable\"");
                });
    }

    @Test
    void emptyText_isUnknown() {
        assertThat(inspector("loadavg").inspect("")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("expected the line of /proc/loadavg and optionally a CPU count: (no output)");
        });
    }

    @Test
    void run_printsLoadAndCpuCountWithAFixedScript() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new LoadCheck(), ScriptedContext.host("pve"))
                .answer("cat /proc/loadavg", Fixtures.read("captured/loadavg-2cpu-frozen-fs-warn.txt"))
                .thresholds(Map.of("warn-per-core", 3.0));

        List<Finding> findings = ctx.run();

        assertThat(ctx.asked()).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("sh", "-c", LoadCheck.SCRIPT);
            assertThat(c.root()).isFalse();
        });
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo("pve");
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("load 4.05 over 15 minutes on 2 CPUs (2.03 per core)");
        });
    }

    @Test
    void run_withoutCat_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new LoadCheck(), ScriptedContext.host("pve"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("cat is not installed or not on the PATH");
    }

    @Test
    void run_unreadableLoadavg_isUnknown() {
        ScriptedContext ctx = new ScriptedContext(new LoadCheck(), ScriptedContext.host("pve"))
                .answer("cat /proc/loadavg", 1, "", "cat: /proc/loadavg: No such file or directory\n");

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("/proc/loadavg could not be read (exit status 1); is this a Linux host?");
    }
}
