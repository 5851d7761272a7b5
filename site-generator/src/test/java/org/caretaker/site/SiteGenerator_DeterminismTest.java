package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.StatusSnapshot;
import org.caretaker.site.snapshot.StatusSnapshot.FindingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unchanged input gives a byte-identical site; a status re-render writes only what the status changed. */
class SiteGenerator_DeterminismTest {
    @TempDir
    Path dir;

    @Test
    void twoBuildsOfTheSameInput_areByteIdentical() {
        try (SiteGenerator a = TestSites.load(TestSites.fixtureContent(), dir.resolve("a"))) {
            a.build(TestSites.fixtureSnapshot());
        }
        try (SiteGenerator b = TestSites.load(TestSites.fixtureContent(), dir.resolve("b"))) {
            b.build(TestSites.fixtureSnapshot());
        }
        Map<String, byte[]> a = TestSites.files(dir.resolve("a"));
        Map<String, byte[]> b = TestSites.files(dir.resolve("b"));
        assertThat(a.keySet()).isEqualTo(b.keySet()).hasSizeGreaterThan(15);
        for (String k : a.keySet()) {
            assertThat(new String(b.get(k), StandardCharsets.UTF_8)).as(k).isEqualTo(new String(a.get(k), StandardCharsets.UTF_8));
        }
    }

    @Test
    void rebuildingUnchangedInput_writesNothing_evenFromAFreshGenerator() {
        Path out = dir.resolve("site");
        try (SiteGenerator site = TestSites.load(TestSites.fixtureContent(), out)) {
            BuildResult first = site.build(TestSites.fixtureSnapshot());
            assertThat(first.written()).isEqualTo(first.unchanged() + first.written()).isPositive();
            BuildResult again = site.build(TestSites.fixtureSnapshot());
            assertThat(again.written()).isZero();
            assertThat(again.unchanged()).isEqualTo(first.written());
        }
        try (SiteGenerator fresh = TestSites.load(TestSites.fixtureContent(), out)) {
            assertThat(fresh.build(TestSites.fixtureSnapshot()).written()).isZero();
        }
    }

    @Test
    void statusRerender_touchesOnlyStatusPagesAndLiveFragments_neverRunbookPages() throws Exception {
        Path out = dir.resolve("site");
        try (SiteGenerator site = TestSites.load(TestSites.fixtureContent(), out)) {
            site.build(TestSites.fixtureSnapshot());
            byte[] disks = Files.readAllBytes(out.resolve("runbook/disks.html"));
            byte[] zfs = Files.readAllBytes(out.resolve("runbook/zfs.html"));
            byte[] diskUsage = Files.readAllBytes(out.resolve("live/disk-usage.html"));

            // Same facts, one hour later: every status page and fragment carries the new time.
            StatusSnapshot later = with(TestSites.fixtureSnapshot(), Instant.parse("2026-12-03T07:00:00Z"), null);
            BuildResult r = site.renderStatus(later);
            // index, calendar, commands, two host pages, two check pages, two live fragments
            assertThat(r.written()).isEqualTo(9);
            assertThat(Files.readString(out.resolve("index.html"))).contains("2026-12-03 07:00 UTC");
            diskUsage = Files.readAllBytes(out.resolve("live/disk-usage.html"));

            // The pool is repaired: only what shows the pool changes.
            StatusSnapshot repaired = with(later, later.generatedAt(), Level.OK);
            BuildResult r2 = site.renderStatus(repaired);
            // index, hosts/pve, checks/zfs-pools, live/zfs-pools
            assertThat(r2.written()).isEqualTo(4);
            assertThat(Files.readString(out.resolve("live/zfs-pools.html"))).contains("0 of 1 with a problem");
            assertThat(Files.readAllBytes(out.resolve("live/disk-usage.html"))).isEqualTo(diskUsage);
            assertThat(Files.readAllBytes(out.resolve("runbook/zfs.html"))).isEqualTo(zfs);
            assertThat(Files.readAllBytes(out.resolve("runbook/disks.html"))).isEqualTo(disks);

            // Nothing new: nothing written.
            assertThat(site.renderStatus(repaired).written()).isZero();
        }
    }

    @Test
    void aHostThatLeftTheSnapshot_leavesNoPageBehind() {
        Path out = dir.resolve("site");
        try (SiteGenerator site = TestSites.load(TestSites.fixtureContent(), out)) {
            StatusSnapshot s = TestSites.fixtureSnapshot();
            site.build(s);
            assertThat(out.resolve("hosts/nas.html")).exists();
            StatusSnapshot withoutNas = new StatusSnapshot(1, s.generatedAt(), s.lab(),
                    s.hosts().stream().filter(h -> !h.name().equals("nas")).toList(), s.checks(),
                    s.findings().stream().filter(f -> !f.host().equals("nas")).toList(), s.runs(), s.schedules(),
                    List.of(), s.commands());
            site.renderStatus(withoutNas);
            assertThat(out.resolve("hosts/nas.html")).doesNotExist();
            assertThat(out.resolve("hosts/pve.html")).exists();
            assertThat(out.resolve("runbook/zfs.html")).exists();
        }
    }

    private static StatusSnapshot with(StatusSnapshot s, Instant at, Level zfs) {
        List<FindingStatus> findings = new ArrayList<>();
        for (FindingStatus f : s.findings()) {
            findings.add(zfs != null && f.check().equals("zfs-pools")
                    ? new FindingStatus(f.check(), f.host(), f.subject(), zfs, "pool tank is ONLINE", f.runbook(), at, at) : f);
        }
        return new StatusSnapshot(s.schemaVersion(), at, s.lab(), s.hosts(), s.checks(), findings, s.runs(), s.schedules(),
                s.history(), s.commands());
    }
}
