package org.caretaker.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caretaker.alert.Fingerprint;
import org.caretaker.chat.Bench;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /check, /schedule, /run, /ack and /help through the router, with recording ports. */
class CommandsTest {
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

    private static List<String> lines(Report r) {
        return r.sections().stream().flatMap(s -> s.lines().stream()).map(Report.Line::text).toList();
    }

    @Test
    void check_reportsProblemsFirst_withTheUserAsTrigger() {
        Report r = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "check", "disk-usage"));

        assertThat(bench.checks.calls).containsExactly("disk-usage * chat:telegram:2");
        assertThat(r.severity()).isEqualTo(Severity.CRIT);
        assertThat(r.title()).isEqualTo("disk-usage on every host: CRIT (1 CRIT, 1 WARN, 2 OK)");
        assertThat(r.sections().get(0).lines()).extracting(Report.Line::severity)
                .containsExactly(Severity.CRIT, Severity.WARN, Severity.OK, Severity.OK);
        assertThat(lines(r)).containsExactly(
                "nas disk-usage /srv: /srv is 97% full — /ack " + Fingerprint.shortId("nas", "disk-usage", "/srv"),
                "pve disk-usage /srv: /srv is 97% full — /ack " + Fingerprint.shortId("pve", "disk-usage", "/srv"),
                "nas disk-usage /: / is 41% full",
                "pve disk-usage /: / is 41% full");
        assertThat(r.sections().get(0).lines().get(0).runbook()).isEqualTo("runbook/disks#full");
    }

    @Test
    void check_anUnknownHost_isRefusedWithTheKnownOnes() {
        Report r = bench.router.handle(Bench.console("check", "disk-usage", "nsa"));

        assertThat(r.title()).isEqualTo("/check refused");
        assertThat(lines(r)).containsExactly("Unknown host 'nsa'; known: nas, pve.");
    }

    @Test
    void schedule_listsEveryJob_inItsOwnZone() {
        Report r = bench.router.handle(Bench.request("telegram:3", "telegram:-100", "schedule"));

        assertThat(r.title()).isEqualTo("2 scheduled jobs");
        assertThat(r.sections()).extracting(Report.Section::heading).containsExactly("daily-sanity", "weekly-snapraid");
        assertThat(r.sections().get(0).lines()).extracting(Report.Line::text).containsExactly(
                "Every morning's round",
                "cron 0 30 6 * * ? (Europe/Berlin)",
                "next: 2026-12-04 06:30 CET, 2026-12-05 06:30 CET",
                "last: never ran");
        assertThat(r.sections().get(1).lines()).extracting(Report.Line::text).containsExactly(
                "SnapRAID sync and scrub",
                "cron 0 0 3 ? * SUN (UTC)",
                "next: paused",
                "last: never ran",
                "changes hosts: /run needs an admin and a confirmation");
    }

    @Test
    void run_anUnknownJob_isRefusedWithTheKnownOnes() {
        Report r = bench.router.handle(Bench.console("run", "nightly"));

        assertThat(r.title()).isEqualTo("/run refused");
        assertThat(lines(r)).containsExactly("Unknown job 'nightly'; known: daily-sanity, weekly-snapraid.");
        assertThat(bench.jobs.started).isEmpty();
    }

    @Test
    void ack_passesTheIdUserAndTime() {
        Report r = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "ack", "1a2b3c4d", "2h"));
        Report plain = bench.router.handle(Bench.request("telegram:2", "telegram:-100", "ack", "1a2b3c4d"));

        assertThat(r.title()).isEqualTo("acked nas/disk-usage//srv for 2h");
        assertThat(plain.title()).isEqualTo("acked nas/disk-usage//srv until it changes");
        assertThat(bench.acks.acks).containsExactly("1a2b3c4d telegram:2 PT2H", "1a2b3c4d telegram:2 default");
    }

    @Test
    void ack_refusesMalformedIdsAndTimes_beforeAsking() {
        assertThat(lines(bench.router.handle(Bench.console("ack", "1A2B3C4D"))))
                .containsExactly("'1A2B3C4D' is not a finding id: /status shows them, eight digits and letters a-f.");
        assertThat(lines(bench.router.handle(Bench.console("ack", "1a2b3c4d", "2w"))))
                .containsExactly("A time is written like 30m, 2h or 3d, at most 90d.");
        assertThat(lines(bench.router.handle(Bench.console("ack", "1a2b3c4d", "91d"))))
                .containsExactly("A time is written like 30m, 2h or 3d, at most 90d.");
        assertThat(lines(bench.router.handle(Bench.console("ack", "ffffffff"))))
                .containsExactly("No open finding has the id ffffffff.");
        assertThat(bench.acks.acks).isEmpty();
        assertThat(AckCommand.ttl("30m")).contains(Duration.ofMinutes(30));
        assertThat(AckCommand.ttl("90d")).contains(Duration.ofDays(90));
        assertThat(AckCommand.ttl("0h")).isEqualTo(Optional.empty());
    }

    @Test
    void help_listsOnlyWhatTheUserMayRun() {
        Report viewer = bench.router.handle(Bench.request("telegram:3", "telegram:-100", "help"));
        Report admin = bench.router.handle(Bench.console("help"));

        assertThat(viewer.title()).isEqualTo("Commands you can use (viewer)");
        assertThat(lines(viewer)).containsExactly(
                "/status [host] — Shows what is wrong now, from the latest stored results.",
                "/schedule — Lists the scheduled jobs with their next and last runs.",
                "/help — Lists the commands you can use.");
        assertThat(lines(admin)).containsExactly(
                "/status [host] — Shows what is wrong now, from the latest stored results.",
                "/check <check> [host] — Runs a check (or all) now, on one host or on every host it applies to.",
                "/schedule — Lists the scheduled jobs with their next and last runs.",
                "/run <job> — Starts a scheduled job now; jobs that change hosts need an admin and a confirmation.",
                "/ack <id> [ttl] — Mutes a finding by its /status id until it changes, or for a time such as 2h or 3d.",
                "/hosts <action> <host> — /hosts discover: what a host runs, and the tags and expectations to set for it; writes nothing.",
                "/help — Lists the commands you can use.",
                "/confirm <code> — Goes ahead with a command that changes a host, within minutes of asking.");
    }
}
