package org.caretaker.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caretaker.alert.AlertEngine;
import org.caretaker.alert.Fingerprint;
import org.caretaker.alert.Lab;
import org.caretaker.alert.Notification;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.AlertPolicy;
import org.caretaker.job.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.alert.Lab.T0;

/** Change reports, always-reports and reminders, fed by a real alert engine over real stored runs. */
class ReporterTest {
    @TempDir
    Path dir;

    Lab lab;
    AlertEngine alerts;
    Reporter reporter;

    @BeforeEach
    void open() throws Exception {
        lab = new Lab(dir);
        alerts = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        reporter = new Reporter(new DigestBuilder(lab.store, lab.clock));
    }

    @AfterEach
    void close() {
        lab.close();
    }

    static Finding f(String host, String check, String subject, Severity s, String message) {
        return new Finding(check, host, subject, s, message, Map.of(), "runbook/" + check);
    }

    private static String id(String host, String check, String subject) {
        return Fingerprint.shortId(host, check, subject);
    }

    @Test
    void changes_newWorseAndResolved_withRunbookAndAckId() throws Exception {
        RunOutcome first = lab.run(f("nas", "disk-usage", "/srv", Severity.WARN, "/srv is 88% full (warning at 85%)"),
                f("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED"));
        alerts.afterRun(first);
        lab.clock.advance(Duration.ofHours(24));
        RunOutcome second = lab.run(f("nas", "disk-usage", "/srv", Severity.CRIT, "/srv is 96% full (critical at 95%)"),
                f("nas", "zfs-pools", "tank", Severity.OK, "pool tank is ONLINE"),
                f("pve", "reachability", "-", Severity.UNREACHABLE, "connection refused"),
                f("nas", "smart", "/dev/sdb", Severity.WARN, "1 reallocated sector (critical at 50)"));

        Report r = reporter.afterRun(ReportPolicy.CHANGES, second, alerts.afterRun(second)).orElseThrow();

        assertThat(ReportText.of(r)).containsExactly(
                "UNREACHABLE daily-sanity: 2 new problems, 1 worse, 1 resolved",
                "## New",
                "[UNREACHABLE] pve reachability: connection refused · /ack " + id("pve", "reachability", "-") + " <runbook/reachability>",
                "[WARN] nas smart /dev/sdb: 1 reallocated sector (critical at 50) · /ack " + id("nas", "smart", "/dev/sdb") + " <runbook/smart>",
                "## Worse",
                "[CRIT] nas disk-usage /srv: /srv is 96% full (critical at 95%) (was WARN) · /ack " + id("nas", "disk-usage", "/srv")
                        + " <runbook/disk-usage>",
                "## Resolved",
                "[OK] nas zfs-pools tank: pool tank is ONLINE (was CRIT) <runbook/zfs-pools>");
    }

    @Test
    void changes_sayNothingWhenNothingChanged() throws Exception {
        RunOutcome first = lab.run(f("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED"));
        alerts.afterRun(first);
        lab.clock.advance(Duration.ofHours(1));
        RunOutcome again = lab.run(f("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED"));

        assertThat(reporter.afterRun(ReportPolicy.CHANGES, again, alerts.afterRun(again))).isEmpty();
    }

    @Test
    void always_allWell_countsChecksAndHosts() throws Exception {
        RunOutcome run = lab.run(f("nas", "disk-usage", "/", Severity.OK, "/ is 20% full"), f("nas", "load", "-", Severity.OK, "load 0.4"),
                f("pve", "disk-usage", "/", Severity.OK, "/ is 30% full"), f("pve", "reachability", "-", Severity.OK, "connected"));

        Report r = reporter.afterRun(ReportPolicy.ALWAYS, run, alerts.afterRun(run)).orElseThrow();

        assertThat(ReportText.of(r)).containsExactly("OK daily-sanity: all 2 checks OK on 2 hosts");
    }

    @Test
    void always_withoutNews_listsWhatIsStillOpen() throws Exception {
        alerts.afterRun(lab.run(f("nas", "zfs-pools", "tank", Severity.WARN, "tank was last scrubbed 40 days ago")));
        lab.clock.advance(Duration.ofHours(24));
        RunOutcome again = lab.run(f("nas", "zfs-pools", "tank", Severity.WARN, "tank was last scrubbed 41 days ago"),
                f("nas", "load", "-", Severity.OK, "load 0.4"));

        Report r = reporter.afterRun(ReportPolicy.ALWAYS, again, alerts.afterRun(again)).orElseThrow();

        assertThat(ReportText.of(r)).containsExactly(
                "WARN daily-sanity: no changes, 1 still open",
                "## Still open",
                "[WARN] nas zfs-pools tank: tank was last scrubbed 41 days ago · /ack " + id("nas", "zfs-pools", "tank") + " <runbook/zfs-pools>");
    }

    @Test
    void reminders_oneReportForAllThatAreDue() throws Exception {
        alerts.afterRun(lab.run(f("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED"),
                f("pve", "reachability", "-", Severity.UNREACHABLE, "connection timed out")));

        Report r = reporter.reminders(alerts.reminders(T0.plus(Duration.ofHours(24)))).orElseThrow();

        assertThat(ReportText.of(r)).containsExactly(
                "UNREACHABLE Reminder: 2 problems still open",
                "## Still open",
                "[CRIT] nas zfs-pools tank: pool tank is DEGRADED (open since 2026-12-01 06:30 UTC) · /ack " + id("nas", "zfs-pools", "tank")
                        + " <runbook/zfs-pools>",
                "[UNREACHABLE] pve reachability: connection timed out (open since 2026-12-01 06:30 UTC) · /ack " + id("pve", "reachability", "-")
                        + " <runbook/reachability>");
        assertThat(reporter.reminders(alerts.reminders(T0.plus(Duration.ofHours(25))))).isEmpty();
    }

    @Test
    void changes_anAckedValueThatChanged_isItsOwnSection() {
        Notification n = new Notification(Notification.Kind.VALUE_CHANGED, "nas", "smart", "/dev/sda", Severity.CRIT, Severity.CRIT,
                "12 pending sectors", "runbook/smart#pending-sectors", "0a1b2c3d", T0);

        Report r = Reporter.changes("weekly-snapraid", List.of(n));

        assertThat(ReportText.of(r)).containsExactly(
                "CRIT weekly-snapraid: 1 changed",
                "## Changed",
                "[CRIT] nas smart /dev/sda: 12 pending sectors (changed since the ack) · /ack 0a1b2c3d <runbook/smart#pending-sectors>");
    }
}
