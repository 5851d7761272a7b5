package org.caretaker.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.ScrubPolicy;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The monthly procedure's ZFS and SnapRAID halves, fed with captured output. */
class MonthlyScrubTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T03:30:00Z"), ZoneOffset.UTC);
    private static final String IN_PROGRESS = "public/zpool/status-online-scrub-in-progress.txt";
    private static final String ONE_ERROR = "public/zpool/status-online-data-corruption-1-data-errors-no-permission.txt";

    private final List<Duration> pauses = new ArrayList<>();

    private static HostConfig host(String... tags) {
        return new HostConfig("nas", true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(tags),
                Expectations.NONE, Map.of());
    }

    private List<Finding> run(HostConfig h, ScriptedExecutor exec, Duration budget) throws InterruptedException {
        return new MonthlyScrub(ScrubPolicy.DEFAULTS, Optional.empty(), pauses::add).run(h, exec, ProcedureContext.within(CLOCK, budget));
    }

    private static Finding find(List<Finding> fs, String check) {
        return fs.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void zpoolScrub_isPolledUntilItEnds_andItsErrorsAreCritical() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor().on("zpool list -H -o name", 0, "tank\n").on("zpool scrub tank", 0, "")
                .onFixture("zpool status tank", 0, IN_PROGRESS).onFixture("zpool status tank", 0, ONE_ERROR);

        List<Finding> fs = run(host("zfs"), exec, Duration.ofHours(12));

        Finding tank = find(fs, "zfs-scrub");
        assertThat(tank.subject()).isEqualTo("tank");
        assertThat(tank.severity()).isEqualTo(Severity.CRIT);
        assertThat(tank.message()).isEqualTo("scrub finished: repaired 0B, 1 unrepaired error");
        assertThat(pauses).containsExactly(Duration.ofMinutes(5));
    }

    @Test
    void zpoolScrubStillRunningAtTheDeadline_isReportedAsRunning() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor().on("zpool list -H -o name", 0, "tank\n").on("zpool scrub tank", 0, "")
                .onFixture("zpool status tank", 0, IN_PROGRESS);

        Finding tank = find(run(host("zfs"), exec, Duration.ofMinutes(2)), "zfs-scrub");

        assertThat(tank.severity()).isEqualTo(Severity.OK);
        assertThat(tank.message()).isEqualTo("scrub still running at 0% at the job's deadline; the daily zfs-pools check reports how it ends");
        assertThat(pauses).isEmpty();
    }

    @Test
    void snapraidScrubWithDataErrors_isCritical_withTheCount() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor()
                .onFixture("snapraid -c /etc/snapraid.conf scrub -p 8 -o 10", 1, "snapraid/captured/10-scrub-errors.txt");

        List<Finding> fs = run(host("snapraid"), exec, Duration.ofHours(12));

        Finding scrub = find(fs, "snapraid-scrub");
        assertThat(scrub.severity()).isEqualTo(Severity.CRIT);
        assertThat(scrub.metrics().get("data_errors")).isPositive();
        Finding restore = find(fs, MonthlyScrub.ID);
        assertThat(restore.subject()).isEqualTo("restore-test");
        assertThat(restore.severity()).as("a checklist item people ack").isEqualTo(Severity.WARN);
        assertThat(restore.message()).matches("restore test due for \\d{4}-\\d{2}: restore one file from the backup, .*/ack this finding");
        assertThat(exec.ran).containsExactly("snapraid -c /etc/snapraid.conf scrub -p 8 -o 10");
    }
}
