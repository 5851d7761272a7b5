package org.caretaker.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caretaker.alert.Fingerprint;
import org.caretaker.alert.Lab;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.job.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests built from real runs stored in an H2 file. */
class DigestBuilderTest {
    @TempDir
    Path dir;

    Lab lab;
    DigestBuilder digests;
    Reporter reporter;

    @BeforeEach
    void open() throws Exception {
        lab = new Lab(dir);
        digests = new DigestBuilder(lab.store, lab.clock);
        reporter = new Reporter(digests);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    static Finding disk(String mount, Severity s, double percent, String message) {
        return new Finding("disk-usage", "nas", mount, s, message, Map.of("used_percent", percent, "total", 1000.0), "runbook/disks#disk-full");
    }

    static Finding inodes(String mount, double percent) {
        return new Finding("inode-usage", "nas", mount, Severity.OK, mount + " is " + (int) percent + "% of inodes used",
                Map.of("inodes_used_percent", percent), "runbook/disks#inodes-exhausted");
    }

    static Finding smart(Severity s, String message, double reallocated, double pending) {
        return new Finding("smart", "nas", "/dev/sda", s, message,
                Map.of("reallocated_sectors", reallocated, "pending_sectors", pending, "power_on_hours", 31000.0), "runbook/smart#reallocated-sectors");
    }

    static Finding pool(Severity s, String message) {
        return new Finding("zfs-pools", "nas", "tank", s, message, Map.of(), "runbook/zfs#scrub");
    }

    @Test
    void digest_comparesWithThePreviousRunOfTheSameJob() throws Exception {
        lab.run(disk("/", Severity.OK, 40, "/ is 40% full"), disk("/srv", Severity.OK, 80, "/srv is 80% full"), inodes("/srv", 40),
                smart(Severity.WARN, "8 reallocated sectors (critical at 50)", 8, 0), pool(Severity.WARN, "tank was last scrubbed 40 days ago"));
        lab.clock.advance(Duration.ofHours(12));
        lab.run("weekly-snapraid", disk("/srv", Severity.CRIT, 99, "/srv is 99% full (critical at 95%)"));
        lab.clock.advance(Duration.ofHours(12));
        RunOutcome today = lab.run(disk("/", Severity.OK, 41, "/ is 41% full"), disk("/srv", Severity.WARN, 86, "/srv is 86% full (warning at 85%)"),
                inodes("/srv", 42), smart(Severity.CRIT, "24 reallocated sectors, up 16 since the last run (critical at 50)", 24, 2),
                pool(Severity.OK, "tank is ONLINE"),
                new Finding("containers", "nas", "web", Severity.CRIT, "web is restarting (12 restarts)", Map.of(), "runbook/docker#restarting"));

        Report r = reporter.afterRun(ReportPolicy.DIGEST, today, List.of()).orElseThrow();

        String srv = Fingerprint.shortId("nas", "disk-usage", "/srv");
        String web = Fingerprint.shortId("nas", "containers", "web");
        String sda = Fingerprint.shortId("nas", "smart", "/dev/sda");
        assertThat(ReportText.of(r)).containsExactly(
                "CRIT daily-sanity digest: 2 new problems, 1 worse, 1 resolved, 3 still open",
                "## ",
                "Compared with run 1 of 2026-12-01 06:30 UTC (24h ago).",
                "## New problems",
                "[WARN] nas disk-usage /srv: /srv is 86% full (warning at 85%) · /ack " + srv + " <runbook/disks#disk-full>",
                "[CRIT] nas containers web: web is restarting (12 restarts) · /ack " + web + " <runbook/docker#restarting>",
                "## Worse",
                "[CRIT] nas smart /dev/sda: 24 reallocated sectors, up 16 since the last run (critical at 50) (was WARN) · /ack " + sda
                        + " <runbook/smart#reallocated-sectors>",
                "## Resolved",
                "[OK] nas zfs-pools tank: tank is ONLINE (was WARN) <runbook/zfs#scrub>",
                "## Disk growth",
                "[WARN] nas /srv: 80% → 86% full (+6 pp) <runbook/disks#disk-full>",
                "[OK] nas /: 40% → 41% full (+1 pp) <runbook/disks#disk-full>",
                "## Inode growth",
                "[OK] nas /srv: 40% → 42% of inodes used (+2 pp) <runbook/disks#inodes-exhausted>",
                "## New bad sectors",
                "[CRIT] nas /dev/sda: reallocated sectors 8 → 24 (+16) <runbook/smart#reallocated-sectors>",
                "[CRIT] nas /dev/sda: pending sectors 0 → 2 (+2) <runbook/smart#reallocated-sectors>");
    }

    @Test
    void firstRun_allWell_saysSoInTheTitle() throws Exception {
        RunOutcome first = lab.run(disk("/", Severity.OK, 40, "/ is 40% full"), inodes("/", 3),
                new Finding("reachability", "nas", "-", Severity.OK, "connected in 12 ms", Map.of(), ""));

        assertThat(ReportText.of(digests.digest(first))).containsExactly(
                "OK daily-sanity digest: all 2 checks OK on 1 host",
                "## ",
                "First run of daily-sanity: nothing to compare with yet.");
    }

    @Test
    void unchangedProblems_areStillOpen_andAGoneSubjectOfACheckThatRanIsResolved() throws Exception {
        lab.run(disk("/srv", Severity.WARN, 88, "/srv is 88% full (warning at 85%)"), disk("/mnt/usb", Severity.CRIT, 99, "/mnt/usb is 99% full"),
                pool(Severity.WARN, "tank was last scrubbed 40 days ago"));
        lab.clock.advance(Duration.ofDays(3));
        RunOutcome today = lab.run(disk("/srv", Severity.WARN, 87, "/srv is 87% full (warning at 85%)"));

        assertThat(ReportText.of(digests.digest(today))).containsExactly(
                "WARN daily-sanity digest: 1 resolved, 1 still open",
                "## ",
                "Compared with run 1 of 2026-12-01 06:30 UTC (3d ago).",
                "## Resolved",
                "[OK] nas disk-usage /mnt/usb: no longer reported (was CRIT) <runbook/disks#disk-full>",
                "## Still open",
                "[WARN] nas disk-usage /srv: /srv is 87% full (warning at 85%) · /ack " + Fingerprint.shortId("nas", "disk-usage", "/srv")
                        + " <runbook/disks#disk-full>");
    }

    @Test
    void nothingChanged_butProblemsRemain_saysNoChanges() throws Exception {
        lab.run(pool(Severity.WARN, "tank was last scrubbed 40 days ago"));
        lab.clock.advance(Duration.ofMinutes(30));
        RunOutcome again = lab.run(pool(Severity.WARN, "tank was last scrubbed 40 days ago"));

        Report r = digests.digest(again);

        assertThat(r.title()).isEqualTo("daily-sanity digest: no changes, 1 still open");
        assertThat(r.sections()).extracting(Report.Section::heading).containsExactly("", "Still open");
        assertThat(r.sections().get(0).lines().get(0).text()).isEqualTo("Compared with run 1 of 2026-12-01 06:30 UTC (30m ago).");
    }
}
