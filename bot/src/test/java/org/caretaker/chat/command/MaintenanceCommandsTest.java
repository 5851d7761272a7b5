package org.caretaker.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.chat.AccessPolicy;
import org.caretaker.chat.AuditLog;
import org.caretaker.chat.Bench;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.TestClock;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.Checks;
import org.caretaker.job.Trigger;
import org.caretaker.maintenance.JdbcSyncBlocks;
import org.caretaker.maintenance.Procedures;
import org.caretaker.maintenance.SyncBlock;
import org.caretaker.report.Report;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /snapraid, /zpool and /smart through the router, with the access list of {@link Bench} and a real H2 store. */
class MaintenanceCommandsTest {
    private static final String FP = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final List<String> calls = new ArrayList<>();
    private Database db;
    private JdbcSyncBlocks blocks;
    private CommandRouter router;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
        blocks = new JdbcSyncBlocks(db);
        Checks checks = (check, host, trigger) -> record(check, host, trigger);
        Procedures procedures = (p, host, trigger) -> record(p, host, trigger);
        CommandRegistry registry = new CommandRegistry()
                .register(new SnapraidCommand(checks, procedures, blocks, Duration.ofHours(48), clock))
                .register(new ZpoolCommand(checks))
                .register(new SmartCommand(checks));
        router = new CommandRouter(registry, new AccessPolicy(Bench.ACCESS), new AuditLog(db, clock), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Finding> record(String what, Optional<String> host, Trigger trigger) {
        calls.add(what + " " + host.orElse("*") + " " + trigger.by());
        if (host.isPresent() && !host.get().equals("nas")) {
            throw new IllegalArgumentException("Unknown host '" + host.get() + "'; known: nas.");
        }
        return List.of(new Finding(what, "nas", "/dev/sda", Severity.WARN, "2 pending sectors", Map.of(), ""),
                new Finding(what, "nas", "/dev/sdb", Severity.OK, "healthy", Map.of(), ""));
    }

    private static List<String> lines(Report r) {
        return r.sections().stream().flatMap(s -> s.lines().stream()).map(Report.Line::text).toList();
    }

    private Report confirmed(String user, String channel, String... args) {
        Report ask = router.handle(Bench.request(user, channel, "snapraid", args));
        assertThat(ask.title()).isEqualTo("/snapraid " + String.join(" ", args) + " changes a host: confirm it");
        assertThat(calls).isEmpty();
        String code = ask.actions().get(0).command().substring("/confirm ".length());
        return router.handle(Bench.request(user, channel, "confirm", code));
    }

    @Test
    void diff_onlyReads_soAnOperatorRunsItAtOnce() {
        Report r = router.handle(Bench.request("telegram:2", "telegram:-100", "snapraid", "diff", "nas"));

        assertThat(calls).containsExactly("snapraid-diff nas telegram:2");
        assertThat(r.title()).isEqualTo("snapraid diff on nas: WARN (1 WARN, 1 OK)");
    }

    @Test
    void status_isTheDailyCheck() {
        router.handle(Bench.request("telegram:2", "telegram:-100", "snapraid", "status"));

        assertThat(calls).containsExactly("snapraid * telegram:2");
    }

    @Test
    void sync_isRefusedToAnOperator() {
        Report r = router.handle(Bench.request("telegram:2", "telegram:-100", "snapraid", "sync", "nas"));

        assertThat(r.title()).isEqualTo("Not allowed");
        assertThat(calls).isEmpty();
    }

    @Test
    void sync_byAnAdmin_runsTheGuardedWeeklyProcedureAfterConfirmation() {
        Report r = confirmed("telegram:1", "telegram:-100", "sync", "nas");

        assertThat(calls).containsExactly("snapraid-weekly nas telegram:1");
        assertThat(r.title()).isEqualTo("snapraid sync on nas: WARN (1 WARN, 1 OK)");
    }

    @Test
    void approve_bindsTheBlockedDiff_forTheApprovalTime() throws Exception {
        SyncBlock b = SyncBlock.blocked("nas", FP, "0 added, 60 removed, 0 updated, 0 moved", clock.instant());
        blocks.put(b);

        Report r = confirmed("telegram:1", "telegram:-100", "approve", b.code());

        assertThat(r.title()).isEqualTo("Sync approved on nas");
        assertThat(lines(r)).containsExactly(
                "Approved 0 added, 60 removed, 0 updated, 0 moved on nas until 2026-12-08T09:00:00Z.",
                "The next sync (the weekly run, or /snapraid sync nas) goes ahead if the diff is still exactly this one.");
        SyncBlock stored = blocks.find("nas").orElseThrow();
        assertThat(stored.approvedBy()).contains("telegram:1");
        assertThat(stored.approves(FP, clock.instant().plus(Duration.ofHours(47)))).isTrue();
    }

    @Test
    void approve_anUnknownCode_saysSo() throws Exception {
        Report r = confirmed("console:local", "console:local", "approve", "0123456789");

        assertThat(r.title()).isEqualTo("/snapraid refused");
        assertThat(lines(r)).containsExactly("No blocked sync has the code 0123456789: it was synced or blocked again with a new code since;"
                + " /snapraid diff shows the current one.");
    }

    @Test
    void unknownAction_namesTheKnownOnes() {
        Report r = router.handle(Bench.console("snapraid", "resync"));

        assertThat(lines(r)).containsExactly("Unknown action 'resync'; known: status, diff, smart, sync, scrub, fix, approve.");
    }

    @Test
    void zpoolStatus_runsTheZfsPoolsCheck() {
        Report r = router.handle(Bench.request("telegram:2", "telegram:-100", "zpool", "status", "nas"));

        assertThat(calls).containsExactly("zfs-pools nas telegram:2");
        assertThat(r.title()).isEqualTo("zpool status on nas: WARN (1 WARN, 1 OK)");
    }

    @Test
    void smart_withADisk_showsThatDiskOnly() {
        Report r = router.handle(Bench.request("telegram:2", "telegram:-100", "smart", "nas", "sdb"));

        assertThat(calls).containsExactly("smart nas telegram:2");
        assertThat(r.title()).isEqualTo("smart on nas sdb: OK (1 OK)");
    }

    @Test
    void smart_anUnknownDisk_listsTheDisks() {
        Report r = router.handle(Bench.request("telegram:2", "telegram:-100", "smart", "nas", "sdz"));

        assertThat(lines(r)).containsExactly("No disk 'sdz' on nas; found: /dev/sda, /dev/sdb.");
    }
}
