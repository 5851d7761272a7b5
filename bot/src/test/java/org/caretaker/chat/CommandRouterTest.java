package org.caretaker.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The router end to end: decisions, confirmations, failures, and what the audit log keeps of each. */
class CommandRouterTest {
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

    private static String text(Report r) {
        StringBuilder sb = new StringBuilder(r.title());
        for (Report.Section s : r.sections()) {
            for (Report.Line l : s.lines()) {
                sb.append('\n').append(l.text());
            }
        }
        return sb.toString();
    }

    private AuditLog.Entry lastAudit() throws Exception {
        return bench.audit.recent(1).get(0);
    }

    @Test
    void anAllowedCommandRuns_andTheDecisionIsAudited() throws Exception {
        Report r = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "check", "disk-usage", "nas"));

        assertThat(bench.checks.calls).containsExactly("disk-usage nas chat:telegram:2");
        assertThat(r.title()).isEqualTo("disk-usage on nas: CRIT (1 CRIT, 1 OK)");
        AuditLog.Entry e = lastAudit();
        assertThat(e.outcome()).isEqualTo(AuditLog.Outcome.ALLOW);
        assertThat(e.user()).isEqualTo("telegram:2");
        assertThat(e.channel()).isEqualTo("telegram:-100");
        assertThat(e.command()).isEqualTo("check");
        assertThat(e.args()).containsExactly("disk-usage", "nas");
        assertThat(e.reason()).isEqualTo("role operator");
        assertThat(e.at()).isEqualTo(bench.clock.instant());
    }

    @Test
    void aLeadingSlashInTheName_isAccepted() {
        bench.router.handle(Bench.console("/check", "zfs-pools"));

        assertThat(bench.checks.calls).containsExactly("zfs-pools * chat:console:local");
    }

    @Test
    void anUnknownCommand_getsAHelpHint_andIsAuditedAsDenied() throws Exception {
        Report r = bench.router.handle(Bench.console("frobnicate", "now"));

        assertThat(text(r)).isEqualTo("Unknown command /frobnicate\nUnknown command /frobnicate. Type /help for the commands you can use.");
        assertThat(r.severity()).isEqualTo(Severity.WARN);
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.DENY);
        assertThat(lastAudit().reason()).isEqualTo("unknown command");
    }

    @Test
    void aCommandNameThatIsNotPlain_isNotEchoed() throws Exception {
        Report r = bench.router.handle(Bench.console("status\u001b[2J;reboot"));

        assertThat(text(r)).isEqualTo("Unknown command\nUnknown command. Type /help for the commands you can use.");
        assertThat(lastAudit().command()).isEqualTo("status\u001b[2J;reboot");
        assertThat(bench.router.handle(new CommandRequest(new ChatUser("console", "local", "me"), java.util.Set.of(), "console:local", null, List.of()))
                .title()).isEqualTo("Unknown command");
    }

    @Test
    void theWrongNumberOfArguments_getsTheUsage() throws Exception {
        Report none = bench.router.handle(Bench.console("check"));
        Report many = bench.router.handle(Bench.console("status", "nas", "pve"));

        assertThat(text(none)).isEqualTo("/check refused\nUsage: /check <check> [host]");
        assertThat(text(many)).isEqualTo("/status refused\nUsage: /status [host]");
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.INVALID_ARGUMENTS);
        assertThat(bench.checks.calls).isEmpty();
    }

    @Test
    void aDeniedCommand_saysWhy_andRunsNothing() throws Exception {
        Report r = bench.router.handle(Bench.request("telegram:3", "telegram:-100", "check", "disk-usage"));

        assertThat(text(r)).isEqualTo("Not allowed\nNot allowed: /check needs the operator role; you have viewer.");
        assertThat(bench.checks.calls).isEmpty();
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.DENY);
        assertThat(lastAudit().reason()).isEqualTo("/check needs the operator role; you have viewer");
    }

    @Test
    void aJobThatChangesHosts_runsOnlyAfterTheSameUserConfirms() throws Exception {
        Report ask = bench.router.handle(Bench.request("telegram:1", "telegram:-100", "run", "weekly-snapraid"));

        assertThat(bench.jobs.started).isEmpty();
        assertThat(ask.severity()).isEqualTo(Severity.WARN);
        assertThat(ask.title()).isEqualTo("/run weekly-snapraid changes a host: confirm it");
        assertThat(ask.actions()).singleElement().satisfies(a -> {
            assertThat(a.label()).isEqualTo("Confirm /run weekly-snapraid");
            assertThat(a.command()).matches("/confirm [0-9a-f]{10}");
        });
        String code = code(ask);
        assertThat(text(ask)).isEqualTo("/run weekly-snapraid changes a host: confirm it\nSend /confirm " + code
                + " within 5 minutes to go ahead.\nThe code works once, and only for you, here.");

        Report done = bench.router.handle(Bench.request("telegram:1", "telegram:-100", "confirm", code));

        assertThat(done.title()).isEqualTo("weekly-snapraid started");
        assertThat(bench.jobs.started).containsExactly("weekly-snapraid chat:telegram:1");
        List<AuditLog.Entry> audit = bench.audit.recent(10);
        assertThat(audit).extracting(AuditLog.Entry::outcome)
                .containsExactly(AuditLog.Outcome.CONFIRMED, AuditLog.Outcome.CONFIRM_ASKED);
        assertThat(audit.get(0).command()).isEqualTo("run");
        assertThat(audit.get(0).args()).containsExactly("weekly-snapraid");
        assertThat(audit.get(0).reason()).isEqualTo("confirmed by telegram:1");
        assertThat(audit.get(1).reason()).isEqualTo("/run changes a host");
    }

    @Test
    void aConfirmationCodeWorksOnce() throws Exception {
        String code = code(bench.router.handle(Bench.console("run", "weekly-snapraid")));
        bench.router.handle(Bench.console("confirm", code));

        Report again = bench.router.handle(Bench.console("confirm", code));

        assertThat(text(again)).isEqualTo("Not confirmed\nThat confirmation code is unknown or was already used.");
        assertThat(bench.jobs.started).hasSize(1);
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.DENY);
        assertThat(lastAudit().command()).isEqualTo("confirm");
    }

    @Test
    void anotherUser_orTheSameUserElsewhere_cannotConfirm_andTheCodeStaysValidForTheAsker() throws Exception {
        String code = code(bench.router.handle(Bench.request("telegram:1", "telegram:-100", "run", "weekly-snapraid")));

        Report other = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "confirm", code));
        Report elsewhere = bench.router.handle(Bench.request("telegram:1", "discord:900", "confirm", code));

        assertThat(text(other)).isEqualTo("Not confirmed\nOnly the person who asked can confirm, in the channel where they asked.");
        assertThat(text(elsewhere)).isEqualTo(text(other));
        assertThat(bench.jobs.started).isEmpty();
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.DENY);

        bench.router.handle(Bench.request("telegram:1", "telegram:-100", "confirm", code));
        assertThat(bench.jobs.started).containsExactly("weekly-snapraid chat:telegram:1");
    }

    @Test
    void aConfirmationAfterFiveMinutes_hasExpired_andIsAudited() throws Exception {
        String code = code(bench.router.handle(Bench.console("run", "weekly-snapraid")));
        bench.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        Report late = bench.router.handle(Bench.console("confirm", code));

        assertThat(text(late)).isEqualTo("Not confirmed\nThat confirmation code has expired; send the command again.");
        assertThat(bench.jobs.started).isEmpty();
        AuditLog.Entry e = lastAudit();
        assertThat(e.outcome()).isEqualTo(AuditLog.Outcome.EXPIRED);
        assertThat(e.command()).isEqualTo("run");
        assertThat(e.args()).containsExactly("weekly-snapraid");
        assertThat(e.reason()).isEqualTo("confirmation came after 5 minutes");
        assertThat(text(bench.router.handle(Bench.console("confirm", code)))).endsWith("unknown or was already used.");
    }

    @Test
    void aConfirmationJustInTime_goesAhead() {
        String code = code(bench.router.handle(Bench.console("run", "weekly-snapraid")));
        bench.clock.advance(Duration.ofMinutes(5));

        bench.router.handle(Bench.console("confirm", code));

        assertThat(bench.jobs.started).containsExactly("weekly-snapraid chat:console:local");
    }

    @Test
    void anOperatorAskingForAHostChangingJob_isDenied_beforeAnyCodeIsMade() throws Exception {
        Report r = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "run", "weekly-snapraid"));

        assertThat(r.actions()).isEmpty();
        assertThat(text(r)).isEqualTo("Not allowed\nNot allowed: /run changes a host and needs the admin role; you have operator.");
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.DENY);
    }

    @Test
    void aJobThatLeavesHostsAlone_startsWithoutConfirmation() {
        Report r = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "run", "daily-sanity"));

        assertThat(r.title()).isEqualTo("daily-sanity started");
        assertThat(bench.jobs.started).containsExactly("daily-sanity chat:telegram:2");
    }

    @Test
    void confirmNeedsExactlyOneCode() throws Exception {
        Report r = bench.router.handle(Bench.console("confirm"));

        assertThat(text(r)).isEqualTo("/confirm refused\nUsage: /confirm <code>");
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.INVALID_ARGUMENTS);
    }

    @Test
    void aCommandThatThrows_isAnUnknownAnswer_withoutItsInsides() throws Exception {
        bench.registry.register(new ChatCommand() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.reading("boom", "/boom", "Fails.", Role.VIEWER);
            }

            @Override
            public Report handle(CommandRequest req) {
                throw new IllegalStateException("password=hunter2 at org.caretaker.Secret");
            }
        });

        Report r = bench.router.handle(Bench.console("boom"));

        assertThat(r.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(text(r)).isEqualTo("/boom failed\nSomething went wrong inside Caretaker while answering; the bot's log has the details.");
        assertThat(lastAudit().outcome()).isEqualTo(AuditLog.Outcome.ALLOW);
    }

    @Test
    void whenTheAuditLogCannotBeWritten_nothingRuns() {
        bench.db.close();

        Report r = bench.router.handle(Bench.console("check", "disk-usage"));

        assertThat(r.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(text(r)).isEqualTo("Nothing was run\nThe audit log cannot be written right now, so no command runs. Try again later.");
        assertThat(bench.checks.calls).isEmpty();
    }

    @Test
    void unknownNamesAreRefusedByTheCommands_withTheKnownOnes() {
        Report r = bench.router.handle(Bench.console("check", "disk-usgae"));

        assertThat(text(r)).isEqualTo("/check refused\nUnknown check 'disk-usgae'; known: all, disk-usage, zfs-pools.");
    }

    private static String code(Report ask) {
        return ask.actions().get(0).command().substring("/confirm ".length());
    }
}
