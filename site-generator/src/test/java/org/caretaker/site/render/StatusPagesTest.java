package org.caretaker.site.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.StatusSnapshot;
import org.caretaker.site.snapshot.StatusSnapshot.CheckInfo;
import org.caretaker.site.snapshot.StatusSnapshot.FindingStatus;
import org.caretaker.site.snapshot.StatusSnapshot.HostStatus;
import org.junit.jupiter.api.Test;

/**
 * The status pages of a small lab (two hosts, three findings), rendered with the site's own templates: which
 * files a status render makes, the rows and frames they are made from, and one small page whole.
 */
class StatusPagesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final Instant DAY1 = Instant.parse("2026-12-01T06:30:00Z");

    private final StatusPages pages = new StatusPages(new Templates(), Duration.ofHours(2), Map.of("zfs-pools", "runbook/zfs.html"));

    private static StatusSnapshot lab() {
        return new StatusSnapshot(StatusSnapshot.SCHEMA_VERSION, NOW, "homelab",
                List.of(new HostStatus("nas", "192.0.2.10", List.of("storage"), true, NOW.minusSeconds(60)),
                        new HostStatus("pve", "192.0.2.20", List.of(), false, DAY1)),
                List.of(new CheckInfo("zfs-pools", "ZFS pool health", ""), new CheckInfo("disk-usage", "How full", "runbook/disks#full")),
                List.of(new FindingStatus("zfs-pools", "nas", "tank", Level.CRIT, "pool tank is DEGRADED", "runbook/zfs#degraded-pool",
                                DAY1, NOW.minusSeconds(60)),
                        new FindingStatus("zfs-pools", "nas", "backup", Level.OK, "pool backup is ONLINE", "", DAY1, NOW.minusSeconds(60)),
                        new FindingStatus("disk-usage", "pve", "/", Level.WARN, "/ is 91% full", "runbook/disks#full", DAY1, DAY1)),
                List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aStatusRender_makesOnePagePerHostAndPerCheck_thenHomeCalendarAndCommands() {
        assertThat(pages.render(lab(), "", Set.of()).keySet()).containsExactly("hosts/nas.html", "hosts/pve.html", "checks/disk-usage.html",
                "checks/zfs-pools.html", "index.html", "calendar.html", "commands.html");
    }

    @Test
    void aPageDeeperInTheSite_findsItsWayBackToTheRoot_andCarriesTheSnapshotTime() {
        assertThat(pages.layout(lab(), "homelab", "nas", "hosts/nas.html", "status")).isEqualTo(
                new Views.Layout("nas", "../", "status", "homelab", "2026-12-02T07:00:00Z", "2026-12-02 07:00 UTC", 7200));
        assertThat(pages.layout(lab(), "", "Status", "index.html", "status").root()).isEmpty();
    }

    @Test
    void aFindingRow_linksHostCheckAndRunbook_andIsStaleWhenNotCheckedWithinTheWindow() {
        StatusSnapshot s = lab();

        assertThat(pages.row(s, s.findings().get(1))).isEqualTo(new Views.FindingRow("nas", "hosts/nas.html", "zfs-pools",
                "checks/zfs-pools.html", "tank", Level.CRIT, "pool tank is DEGRADED", "runbook/zfs.html#degraded-pool",
                "2026-12-01 06:30 UTC", false));
        assertThat(pages.row(s, s.findings().get(2))).as("checked a day ago, stale after two hours").isEqualTo(new Views.FindingRow(
                "pve", "hosts/pve.html", "disk-usage", "checks/disk-usage.html", "/", Level.WARN, "/ is 91% full",
                "runbook/disks.html#full", "2026-12-01 06:30 UTC", true));
    }

    @Test
    void theLiveStateOfACheck_countsItsProblems_andShowsOnlyThem_worstFirst() {
        assertThat(pages.live(lab(), Set.of("zfs-pools", "smart"))).containsExactly(
                Map.entry("smart", new Views.LiveCheck("smart", "checks/smart.html", Level.UNKNOWN, 0, 0, List.of(), true)),
                Map.entry("zfs-pools", new Views.LiveCheck("zfs-pools", "checks/zfs-pools.html", Level.CRIT, 1, 2, List.of(
                        new Views.FindingRow("nas", "hosts/nas.html", "zfs-pools", "checks/zfs-pools.html", "tank", Level.CRIT,
                                "pool tank is DEGRADED", "runbook/zfs.html#degraded-pool", "", false)), true)));
    }

    @Test
    void aLiveFragment_isRenderedWhole_withHostTextEscaped_andControlAndBidiCharactersDropped() {
        StatusSnapshot hostile = new StatusSnapshot(StatusSnapshot.SCHEMA_VERSION, NOW, "homelab", List.of(), List.of(),
                List.of(new FindingStatus("zfs-pools", "nas", "<tank>", Level.WARN, "pool \u001b[31mtank\u001b[0m is \u202eDEGRADED & slow",
                        "", DAY1, NOW)), List.of(), List.of(), List.of(), List.of());

        Map<String, byte[]> fragments = pages.liveFragments(hostile, "homelab", Set.of("zfs-pools"));

        assertThat(fragments).containsOnlyKeys("live/zfs-pools.html");
        assertThat(new String(fragments.get("live/zfs-pools.html"), StandardCharsets.UTF_8)).isEqualTo("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>zfs-pools · live state · homelab</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="../static/site.css">
                </head>
                <body class="fragment">
                <main>
                <p class="live-head"><a href="../checks/zfs-pools.html" target="_top">zfs-pools</a> <span class="badge sev-warn">WARN</span>
                <small>1 of 1 with a problem, as of <time datetime="2026-12-02T07:00:00Z">2026-12-02 07:00 UTC</time></small></p>
                <ul class="live-list">
                <li class="sev-warn"><span class="badge sev-warn">WARN</span> <a href="../hosts/nas.html" target="_top">nas</a> <span class="subject">&lt;tank&gt;</span>: <span class="message">pool [31mtank[0m is DEGRADED &amp; slow</span></li>
                </ul>
                </main>
                </body>
                </html>
                """);
    }

    @Test
    void runbookAnchors_becomePageLinks() {
        assertThat(StatusPages.runbookHref("runbook/zfs#degraded-pool")).isEqualTo("runbook/zfs.html#degraded-pool");
        assertThat(StatusPages.runbookHref("runbook/zfs")).isEqualTo("runbook/zfs.html");
        assertThat(StatusPages.runbookHref("")).isEmpty();
    }
}
