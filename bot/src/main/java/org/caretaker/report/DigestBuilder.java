package org.caretaker.report;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.alert.Fingerprint;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Numbers;
import org.caretaker.check.Severity;
import org.caretaker.job.RunOutcome;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.caretaker.store.StoreException;

/**
 * The digest of one scheduled run: what changed since the previous run of the same job. Slow trouble is
 * what a digest is for — a filesystem that grows three points a day, a disk that reallocates a few more
 * sectors every week — things that never cross a threshold on a single run but matter over a month.
 *
 * <p>Sections, each only when it has lines: New problems, Worse, Resolved, Disk growth, Inode growth, New
 * bad sectors, Still open. A store that cannot be read costs the comparison, never the digest.
 */
public final class DigestBuilder {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static final String DISK_USAGE = "disk-usage";
    static final String INODE_USAGE = "inode-usage";
    static final String SMART = "smart";

    /** A counter of the smart check that should never grow on a healthy disk, and how to name it. */
    private record Counter(String metric, String noun) {
    }

    private static final List<Counter> SECTORS = List.of(
            new Counter("reallocated_sectors", "reallocated sectors"),
            new Counter("pending_sectors", "pending sectors"),
            new Counter("offline_uncorrectable", "offline uncorrectable sectors"),
            new Counter("grown_defects", "grown defects"));

    private final HistoryStore store;
    private final Clock clock;

    public DigestBuilder(HistoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Builds the digest of this run against the job's previous finished run. */
    public Report digest(RunOutcome outcome) {
        String job = outcome.plan().job();
        Map<String, Finding> now = ReportLines.byKey(outcome.sweep().findings());
        List<Report.Line> intro = new ArrayList<>();
        Optional<Map<String, Finding>> before = Optional.empty();
        try {
            Optional<RunRecord> previous = store.runs(Optional.of(job), 5).stream()
                    .filter(r -> r.id() != outcome.runId() && r.status() == RunStatus.FINISHED)
                    .findFirst();
            if (previous.isPresent()) {
                RunRecord p = previous.get();
                before = Optional.of(ReportLines.byKey(store.findingsOf(p.id())));
                intro.add(Report.Line.plain("Compared with run " + p.id() + " of " + WHEN.format(p.startedAt())
                        + " (" + ago(Duration.between(p.startedAt(), clock.instant())) + " ago)."));
            } else {
                intro.add(Report.Line.plain("First run of " + job + ": nothing to compare with yet."));
            }
        } catch (StoreException e) {
            intro.add(Report.Line.plain("The previous run could not be read (" + e.getMessage() + "); nothing to compare with."));
        }
        Map<String, Finding> then = before.orElse(Map.of());

        List<Report.Line> fresh = new ArrayList<>();
        List<Report.Line> worse = new ArrayList<>();
        List<Report.Line> open = new ArrayList<>();
        for (Finding f : now.values()) {
            if (f.severity() == Severity.OK || NotChecked.is(f)) {
                continue;
            }
            Finding old = then.get(f.key());
            if (old == null || old.severity() == Severity.OK) {
                fresh.add(ReportLines.problem(f));
            } else if (f.severity().isWorseThan(old.severity())) {
                worse.add(Report.Line.of(f.severity(), ReportLines.problem(f.host(), f.check(), f.subject(),
                        f.message() + " (was " + old.severity() + ")", Fingerprint.shortId(f)), f.runbook()));
            } else {
                open.add(ReportLines.problem(f));
            }
        }
        List<Report.Line> resolved = resolved(now, then);
        List<Report.Line> disk = growth(now, then, DISK_USAGE, "used_percent", "full");
        List<Report.Line> inodes = growth(now, then, INODE_USAGE, "inodes_used_percent", "of inodes used");
        List<Report.Line> sectors = sectors(now, then);

        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Section("", intro));
        section(sections, "New problems", fresh);
        section(sections, "Worse", worse);
        section(sections, "Resolved", resolved);
        section(sections, "Disk growth", disk);
        section(sections, "Inode growth", inodes);
        section(sections, "New bad sectors", sectors);
        section(sections, "Still open", open);
        List<Report.Line> notChecked = ReportLines.notChecked(outcome.sweep().findings());
        section(sections, "Not checked", notChecked);

        int stillOpen = ReportLines.open(now).size();
        List<String> parts = new ArrayList<>();
        if (!fresh.isEmpty()) {
            parts.add(ReportLines.count(fresh.size(), "new problem", "new problems"));
        }
        if (!worse.isEmpty()) {
            parts.add(worse.size() + " worse");
        }
        if (!resolved.isEmpty()) {
            parts.add(resolved.size() + " resolved");
        }
        String title;
        if (stillOpen == 0 && parts.isEmpty() && notChecked.isEmpty()) {
            title = job + " digest: " + ReportLines.allOk(outcome.sweep().findings());
        } else {
            if (parts.isEmpty()) {
                parts.add("no changes");
            }
            parts.add(stillOpen + " still open");
            if (!notChecked.isEmpty()) {
                parts.add(notChecked.size() + " not checked");
            }
            title = job + " digest: " + String.join(", ", parts);
        }
        Severity worst = Severity.worst(now.values().stream().map(Finding::severity).toList());
        return new Report(title, worst, sections, List.of(), List.of());
    }

    /**
     * Problems of the previous run that are OK now, or gone while their check ran on that host (a check
     * that did not run this time says nothing about its subjects).
     */
    private static List<Report.Line> resolved(Map<String, Finding> now, Map<String, Finding> then) {
        Set<String> ran = new HashSet<>();
        for (Finding f : now.values()) {
            ran.add(f.host() + "/" + f.check());
        }
        List<Report.Line> out = new ArrayList<>();
        for (Finding old : then.values()) {
            if (old.severity() == Severity.OK) {
                continue;
            }
            Finding f = now.get(old.key());
            String where = ReportLines.where(old.host(), old.check(), old.subject());
            if (f != null && f.severity() == Severity.OK) {
                out.add(Report.Line.of(Severity.OK, where + ": " + f.message() + " (was " + old.severity() + ")", f.runbook()));
            } else if (f == null && ran.contains(old.host() + "/" + old.check())) {
                out.add(Report.Line.of(Severity.OK, where + ": no longer reported (was " + old.severity() + ")", old.runbook()));
            }
        }
        return out;
    }

    /** "nas /srv: 88% → 91% full (+3 pp)", fastest growth first; shrinking filesystems are no news. */
    private static List<Report.Line> growth(Map<String, Finding> now, Map<String, Finding> then, String check, String metric, String what) {
        record Grown(Finding finding, double from, double to) {
        }
        List<Grown> grown = new ArrayList<>();
        for (Finding f : now.values()) {
            Finding old = then.get(f.key());
            if (!f.check().equals(check) || old == null) {
                continue;
            }
            Double to = f.metrics().get(metric);
            Double from = old.metrics().get(metric);
            if (to != null && from != null && to > from) {
                grown.add(new Grown(f, from, to));
            }
        }
        grown.sort(Comparator.comparingDouble((Grown g) -> g.from() - g.to()).thenComparing(g -> g.finding().key()));
        return grown.stream().map(g -> Report.Line.of(g.finding().severity(), g.finding().host() + " " + g.finding().subject() + ": "
                + Numbers.format(g.from()) + "% → " + Numbers.format(g.to()) + "% " + what
                + " (+" + Numbers.format(g.to() - g.from()) + " pp)", g.finding().runbook())).toList();
    }

    /** "nas /dev/sda: reallocated sectors 8 → 24 (+16)": counters that only grow when a disk is dying. */
    private static List<Report.Line> sectors(Map<String, Finding> now, Map<String, Finding> then) {
        List<Report.Line> out = new ArrayList<>();
        for (Finding f : now.values()) {
            Finding old = then.get(f.key());
            if (!f.check().equals(SMART) || old == null) {
                continue;
            }
            for (Counter c : SECTORS) {
                Double to = f.metrics().get(c.metric());
                Double from = old.metrics().get(c.metric());
                if (to != null && from != null && to > from) {
                    out.add(Report.Line.of(f.severity(), f.host() + " " + f.subject() + ": " + c.noun() + " " + Numbers.format(from)
                            + " → " + Numbers.format(to) + " (+" + Numbers.format(to - from) + ")", f.runbook()));
                }
            }
        }
        return out;
    }

    private static void section(List<Report.Section> sections, String heading, List<Report.Line> lines) {
        if (!lines.isEmpty()) {
            sections.add(new Report.Section(heading, lines));
        }
    }

    /** "45m", "24h", "3d": rough on purpose. */
    static String ago(Duration d) {
        if (d.isNegative()) {
            return "0m";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m";
        }
        if (d.toHours() < 72) {
            return d.toHours() + "h";
        }
        return d.toDays() + "d";
    }
}
