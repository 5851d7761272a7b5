package org.caretaker.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caretaker.alert.Fingerprint;
import org.caretaker.chat.Bench;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /status} through the router, read from a real history store on H2. */
class StatusCommandTest {
    @TempDir
    Path dir;
    private Bench bench;

    @BeforeEach
    void open() throws Exception {
        bench = new Bench(dir);
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private void run(String at, Finding... findings) throws Exception {
        Instant t = Instant.parse(at);
        long id = bench.store.startRun("daily-sanity", "schedule", "daily-sanity", t);
        bench.store.finishRun(id, t, List.of(findings), RunStatus.FINISHED, "");
    }

    private static Finding finding(String host, String check, String subject, Severity s, String message, String runbook) {
        return new Finding(check, host, subject, s, message, Map.of(), runbook);
    }

    @Test
    void problemsAreListedWorstFirst_withSinceRunbookAndAckId() throws Exception {
        Finding degraded = finding("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED", "runbook/zfs#degraded-pool");
        Finding full = finding("pve", "disk-usage", "/srv", Severity.WARN, "/srv is 91% full", "runbook/disks#full");
        Finding down = finding("backup", "reachability", "-", Severity.UNREACHABLE, "connection refused", "runbook/caretaker#unreachable");
        run("2026-12-03T05:00:00Z",
                finding("nas", "zfs-pools", "tank", Severity.OK, "pool tank is ONLINE", ""),
                finding("nas", "disk-usage", "/", Severity.OK, "/ is 40% full", ""),
                full, down);
        run("2026-12-03T06:00:00Z", degraded, finding("nas", "disk-usage", "/", Severity.OK, "/ is 40% full", ""));

        Report r = bench.router.handle(Bench.console("status"));

        assertThat(r.severity()).isEqualTo(Severity.UNREACHABLE);
        assertThat(r.title()).isEqualTo("Status UNREACHABLE: 1 UNREACHABLE, 1 CRIT, 1 WARN, 1 OK across 4 checks on 3 hosts");
        assertThat(r.sections()).singleElement().satisfies(s -> {
            assertThat(s.heading()).isEqualTo("Needs attention");
            assertThat(s.lines()).containsExactly(
                    Report.Line.of(Severity.UNREACHABLE, "backup reachability: connection refused (since 2026-12-03 05:00 UTC) — /ack "
                            + Fingerprint.shortId(down), "runbook/caretaker#unreachable"),
                    Report.Line.of(Severity.CRIT, "nas zfs-pools tank: pool tank is DEGRADED (since 2026-12-03 06:00 UTC) — /ack "
                            + Fingerprint.shortId(degraded), "runbook/zfs#degraded-pool"),
                    Report.Line.of(Severity.WARN, "pve disk-usage /srv: /srv is 91% full (since 2026-12-03 05:00 UTC) — /ack "
                            + Fingerprint.shortId(full), "runbook/disks#full"));
        });
    }

    @Test
    void oneHost_narrowsItDown() throws Exception {
        run("2026-12-03T05:00:00Z",
                finding("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED", ""),
                finding("pve", "disk-usage", "/", Severity.OK, "/ is 40% full", ""),
                finding("pve", "memory", "-", Severity.OK, "12% used", ""));

        assertThat(bench.router.handle(Bench.console("status", "pve")).title()).isEqualTo("All 2 checks OK on pve");
        assertThat(bench.router.handle(Bench.console("status", "nas")).title())
                .isEqualTo("Status CRIT: 1 CRIT across 1 check on nas");
    }

    @Test
    void allOk_isOneLine() throws Exception {
        run("2026-12-03T05:00:00Z",
                finding("nas", "disk-usage", "/", Severity.OK, "/ is 40% full", ""),
                finding("nas", "disk-usage", "/srv", Severity.OK, "/srv is 40% full", ""),
                finding("pve", "disk-usage", "/", Severity.OK, "/ is 40% full", ""));

        Report r = bench.router.handle(Bench.console("status"));

        assertThat(r.severity()).isEqualTo(Severity.OK);
        assertThat(r.title()).isEqualTo("All 2 checks OK on 2 hosts");
        assertThat(r.sections().get(0).lines()).containsExactly(Report.Line.plain("Every latest result is OK (3 subjects)."));
    }

    @Test
    void anUnknownHost_namesTheKnownOnes() throws Exception {
        run("2026-12-03T05:00:00Z", finding("nas", "disk-usage", "/", Severity.OK, "/ is 40% full", ""),
                finding("pve", "disk-usage", "/", Severity.OK, "/ is 40% full", ""));

        Report r = bench.router.handle(Bench.console("status", "nsa"));

        assertThat(r.title()).isEqualTo("/status refused");
        assertThat(r.sections().get(0).lines().get(0).text()).isEqualTo("No check has run on host 'nsa'; hosts with results: nas, pve.");
    }

    @Test
    void beforeAnyRun_saysSo() {
        Report r = bench.router.handle(Bench.console("status"));

        assertThat(r.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(r.title()).isEqualTo("Nothing checked yet");
    }
}
