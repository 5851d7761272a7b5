package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.caretaker.site.snapshot.SnapshotJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site never shows a verdict it does not have: a check no host has is "not applicable" on the home page and
 * in the runbook's live box, a job that never ran says so, and an interrupted run is not OK.
 */
class SiteGenerator_TruthTest {
    @TempDir
    Path out;

    private static final String SNAPSHOT = """
            {
              "schemaVersion": 2,
              "generatedAt": "2026-12-03T06:00:00Z",
              "hosts": [{"name": "this-machine", "address": "local", "tags": [], "reachable": true, "lastSeen": "2026-12-03T06:00:00Z"}],
              "checks": [
                {"id": "zfs-pools", "title": "Pool health", "runbook": "runbook/zfs", "hosts": []},
                {"id": "disk-usage", "title": "Filesystem usage", "runbook": "runbook/disks", "hosts": ["this-machine"]}
              ],
              "findings": [
                {"check": "disk-usage", "host": "this-machine", "subject": "/", "severity": "OK", "message": "/ is 40% full", "checkedAt": "2026-12-03T06:00:00Z"}
              ],
              "runs": [
                {"id": "7", "job": "daily-sanity", "trigger": "schedule daily-sanity", "startedAt": "2026-12-03T05:58:33Z", "finishedAt": "2026-12-03T06:00:00Z", "worst": "WARN", "findings": 12, "status": "finished"},
                {"id": "6", "job": "daily-sanity", "trigger": "schedule daily-sanity", "startedAt": "2026-12-02T05:58:00Z", "finishedAt": "2026-12-02T06:10:00Z", "worst": "UNKNOWN", "findings": 0, "status": "interrupted"}
              ],
              "schedules": [
                {"id": "monthly-scrub", "cron": "0 0 5 1 * ?", "timeZone": "UTC", "nextFires": ["2027-01-01T05:00:00Z"]}
              ]
            }
            """;

    @Test
    void notApplicableChecks_neverRanJobs_andInterruptedRuns_areShownAsWhatTheyAre() throws Exception {
        SiteGenerator site = TestSites.load(TestSites.fixtureContent(), out);
        site.build(new SnapshotJson().parse(SNAPSHOT, "status.json"));

        String home = Files.readString(out.resolve("index.html"));
        assertThat(home).containsPattern("zfs-pools</a> <span class=\"badge\">not applicable</span>")
                .contains("<span class=\"badge\">never ran</span>")
                .contains("<td data-label=\"Took\">1 min 27 s</td>\n<td data-label=\"Worst\"><span class=\"badge sev-warn\">WARN</span></td>"
                        + "<td data-label=\"Findings\">12</td>")
                .contains("<span class=\"badge sev-unknown\">UNKNOWN</span> interrupted");
        assertThat(Files.readString(out.resolve("live/zfs-pools.html"))).contains("<span class=\"badge\">not applicable</span>")
                .doesNotContain("sev-unknown");
    }
}
