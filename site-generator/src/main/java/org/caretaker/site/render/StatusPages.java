package org.caretaker.site.render;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.StatusSnapshot.CheckInfo;
import org.caretaker.site.snapshot.StatusSnapshot.CommandInfo;
import org.caretaker.site.snapshot.StatusSnapshot.FindingStatus;
import org.caretaker.site.snapshot.StatusSnapshot.HistorySeries;
import org.caretaker.site.snapshot.StatusSnapshot.HostStatus;
import org.caretaker.site.snapshot.StatusSnapshot.RunSummary;
import org.caretaker.site.snapshot.StatusSnapshot.RunTrail;
import org.caretaker.site.snapshot.StatusSnapshot.ScheduleStatus;
import org.caretaker.site.snapshot.StatusSnapshot;

/**
 * The pages that depend on the status snapshot — home, one per host, one per check, the calendar, the
 * command reference — and the live-state fragments that runbook pages show. Kept apart from the runbook so
 * that a re-render after a run touches only these.
 */
public final class StatusPages {
    private static final Comparator<Views.FindingRow> WORST_FIRST = Comparator
            .comparing((Views.FindingRow f) -> -f.severity().rank())
            .thenComparing(Views.FindingRow::host).thenComparing(Views.FindingRow::check)
            .thenComparing(Views.FindingRow::subject);
    private static final int LIVE_SHOWN = 8;
    private static final int RUNS_SHOWN = 20;
    private static final int CALENDAR_SHOWN = 60;

    private final Templates templates;
    private final Duration staleAfter;
    private final Map<String, String> checkRunbooks;

    /**
     * @param checkRunbooks check id → the runbook page that lists it in its front matter ({@code runbook/zfs.html})
     */
    public StatusPages(Templates templates, Duration staleAfter, Map<String, String> checkRunbooks) {
        this.templates = templates;
        this.staleAfter = staleAfter;
        this.checkRunbooks = checkRunbooks;
    }

    public static String hostUrl(String host) {
        return "hosts/" + Slugs.of(host) + ".html";
    }

    public static String checkUrl(String check) {
        return "checks/" + Slugs.of(check) + ".html";
    }

    /** {@code runbook/zfs#degraded-pool} → {@code runbook/zfs.html#degraded-pool}; only call on checked anchors. */
    public static String runbookHref(String anchor) {
        if (anchor.isEmpty()) {
            return "";
        }
        int hash = anchor.indexOf('#');
        return hash < 0 ? anchor + ".html" : anchor.substring(0, hash) + ".html" + anchor.substring(hash);
    }

    Views.Layout layout(StatusSnapshot s, String siteTitle, String title, String url, String section) {
        return new Views.Layout(title, org.caretaker.site.content.SitePaths.root(url), section, siteTitle,
                s.generatedAt().toString(), Times.text(s.generatedAt()), staleAfter.toSeconds());
    }

    private boolean stale(StatusSnapshot s, Instant at) {
        return at != null && at.plus(staleAfter).isBefore(s.generatedAt());
    }

    Views.FindingRow row(StatusSnapshot s, FindingStatus f) {
        return new Views.FindingRow(f.host(), hostUrl(f.host()), f.check(), checkUrl(f.check()), f.subject(),
                f.severity(), f.message(), runbookHref(f.runbook()), f.since() == null ? "" : Times.text(f.since()),
                stale(s, f.checkedAt()), ackText(f.ack()));
    }

    static String ackText(StatusSnapshot.Ack a) {
        if (a == null) {
            return "";
        }
        if (a.rearmedAt() != null) {
            return "re-armed " + Times.text(a.rearmedAt()) + ": the value changed after " + a.by() + "'s ack";
        }
        return "acked by " + a.by() + (a.at() == null ? "" : " at " + Times.text(a.at()))
                + (a.until() == null ? "" : ", until " + Times.text(a.until()));
    }

    /**
     * Every status-dependent file: site-root path → bytes.
     *
     * @param related the checks runbook pages name: each gets a page, with findings or without
     */
    public Map<String, byte[]> render(StatusSnapshot s, String title, java.util.Set<String> related) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, List<FindingStatus>> byHost = new TreeMap<>();
        Map<String, List<FindingStatus>> byCheck = new TreeMap<>();
        for (HostStatus h : s.hosts()) {
            byHost.put(h.name(), new ArrayList<>());
        }
        for (CheckInfo c : s.checks()) {
            byCheck.put(c.id(), new ArrayList<>());
        }
        for (HistorySeries h : s.history()) {
            byCheck.computeIfAbsent(h.check(), k -> new ArrayList<>());
        }
        for (String c : related) {
            byCheck.computeIfAbsent(c, k -> new ArrayList<>());
        }
        Map<String, List<RunTrail>> trailsByHost = new TreeMap<>();
        Map<String, List<RunTrail>> trailsByCheck = new TreeMap<>();
        for (RunTrail t : s.trails()) {
            trailsByHost.computeIfAbsent(t.host(), k -> new ArrayList<>()).add(t);
            trailsByCheck.computeIfAbsent(t.check(), k -> new ArrayList<>()).add(t);
        }
        for (FindingStatus f : s.findings()) {
            byHost.computeIfAbsent(f.host(), k -> new ArrayList<>()).add(f);
            byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f);
        }
        Map<String, HostStatus> hosts = new TreeMap<>();
        s.hosts().forEach(h -> hosts.put(h.name(), h));
        Map<String, CheckInfo> checks = new TreeMap<>();
        s.checks().forEach(c -> checks.put(c.id(), c));

        List<Views.HostRow> hostRows = new ArrayList<>();
        Map<String, List<FindingStatus>> hostFindings = new LinkedHashMap<>();
        for (Map.Entry<String, List<FindingStatus>> e : byHost.entrySet()) {
            HostStatus h = hosts.getOrDefault(e.getKey(), new HostStatus(e.getKey(), "", List.of(), true, null));
            Level worst = h.reachable() ? Level.OK : Level.UNREACHABLE;
            int problems = 0;
            for (FindingStatus f : e.getValue()) {
                worst = worst.worse(f.severity());
                problems += f.severity() == Level.OK ? 0 : 1;
            }
            hostRows.add(new Views.HostRow(h.name(), hostUrl(h.name()), h.address(),
                    h.tags().isEmpty() ? "—" : String.join(", ", h.tags()), worst, problems, h.reachable(),
                    Times.text(h.lastSeen()), stale(s, h.lastSeen()), HistoryBars.merged(h.name(), hostUrl(h.name()),
                            trailsByHost.getOrDefault(h.name(), List.of()), StatusSnapshot.MAX_TRAIL)));
            hostFindings.put(h.name(), e.getValue());
        }
        // Host pages are most of a status re-render: rendered on the caller's fork-join threads, kept in order.
        List<byte[]> hostPages = hostRows.parallelStream().map(row -> {
            List<Views.FindingRow> rows = hostFindings.get(row.name()).stream().map(f -> row(s, f)).sorted(WORST_FIRST).toList();
            List<Views.Bars> bars = trailsByHost.getOrDefault(row.name(), List.of()).stream()
                    .map(t -> HistoryBars.of(t.check(), checkUrl(t.check()), t)).toList();
            return templates.render("host.jte", new Views.HostPage(layout(s, title, row.name(), row.href(), "status"), row, rows, bars));
        }).toList();
        for (int i = 0; i < hostRows.size(); i++) {
            out.put(hostRows.get(i).href(), hostPages.get(i));
        }

        List<Views.CheckRow> checkRows = new ArrayList<>();
        Map<String, List<HistorySeries>> historyByCheck = new TreeMap<>();
        s.history().forEach(h -> historyByCheck.computeIfAbsent(h.check(), k -> new ArrayList<>()).add(h));
        for (Map.Entry<String, List<FindingStatus>> e : byCheck.entrySet()) {
            String id = e.getKey();
            CheckInfo info = checks.getOrDefault(id, new CheckInfo(id, "", ""));
            Level worst = Level.OK;
            int problems = 0;
            for (FindingStatus f : e.getValue()) {
                worst = worst.worse(f.severity());
                problems += f.severity() == Level.OK ? 0 : 1;
            }
            List<RunTrail> trails = trailsByCheck.getOrDefault(id, List.of());
            Views.Bars overall = HistoryBars.merged(id, checkUrl(id), trails, StatusSnapshot.MAX_TRAIL);
            checkRows.add(new Views.CheckRow(id, checkUrl(id), info.title(), worst, problems, e.getValue().size(), overall,
                    info.applicable()));
            String runbook = !info.runbook().isEmpty() ? runbookHref(info.runbook()) : checkRunbooks.getOrDefault(id, "");
            List<Views.Chart> charts = historyByCheck.getOrDefault(id, List.of()).stream().map(Charts::of).toList();
            String url = checkUrl(id);
            List<Views.Bars> perHost = trails.stream().map(t -> HistoryBars.of(t.host(), hostUrl(t.host()), t)).toList();
            out.put(url, templates.render("check.jte", new Views.CheckPage(layout(s, title, id, url, "status"), id, info.title(),
                    runbook, worst, e.getValue().stream().map(f -> row(s, f)).sorted(WORST_FIRST).toList(), overall, perHost,
                    charts)));
        }

        List<Views.FindingRow> open = s.findings().stream().filter(f -> f.severity() != Level.OK)
                .map(f -> row(s, f)).sorted(WORST_FIRST).toList();
        Level overall = Level.OK;
        int crit = 0;
        int warn = 0;
        for (Views.HostRow h : hostRows) {
            overall = overall.worse(h.worst());
        }
        for (Views.FindingRow f : open) {
            overall = overall.worse(f.severity());
            crit += f.severity().rank() >= Level.CRIT.rank() ? 1 : 0;
            warn += f.severity() == Level.WARN ? 1 : 0;
        }
        List<Views.ScheduleRow> schedules = s.schedules().stream().map(StatusPages::schedule).toList();
        List<Views.RunRow> runs = s.runs().stream().limit(RUNS_SHOWN).map(StatusPages::run).toList();
        out.put("index.html", templates.render("home.jte", new Views.Home(layout(s, title, "Status", "index.html", "status"),
                overall, crit, warn, schedules, open, hostRows, checkRows, runs)));
        out.put("calendar.html", templates.render("calendar.jte",
                new Views.CalendarPage(layout(s, title, "Calendar", "calendar.html", "calendar"), schedules, calendar(s))));
        out.put("commands.html", templates.render("commands.jte",
                new Views.CommandsPage(layout(s, title, "Commands", "commands.html", "commands"),
                        s.commands().stream().map(StatusPages::command).toList())));
        return out;
    }

    private static Views.CommandRow command(CommandInfo c) {
        String access;
        if (c.confirm()) {
            access = "admin, with a confirmation";
        } else if (!c.confirmWhen().isEmpty()) {
            access = c.role() + "; admin, with a confirmation, for " + String.join(", ", c.confirmWhen());
        } else {
            access = c.role();
        }
        return new Views.CommandRow(c.usage().isEmpty() ? "/" + c.name() : c.usage(), c.description(), c.role(), access);
    }

    private static Views.ScheduleRow schedule(ScheduleStatus s) {
        return new Views.ScheduleRow(s.id(), s.cron(), s.timeZone(), s.checks().isEmpty() ? "—" : String.join(", ", s.checks()),
                Times.text(s.lastRun()), s.lastWorst() == null ? Level.UNKNOWN : s.lastWorst(),
                s.nextFires().isEmpty() ? "—" : Times.text(s.nextFires().get(0)), s.lastRun() == null);
    }

    private static Views.RunRow run(RunSummary r) {
        return new Views.RunRow(r.id(), r.job(), r.trigger(), Times.text(r.startedAt()), Times.took(r.startedAt(), r.finishedAt()),
                r.worst(), r.findings(), r.status());
    }

    private static List<Views.CalendarEntry> calendar(StatusSnapshot s) {
        record Fire(Instant at, ScheduleStatus schedule) {
        }
        List<Fire> fires = new ArrayList<>();
        for (ScheduleStatus sc : s.schedules()) {
            sc.nextFires().forEach(t -> fires.add(new Fire(t, sc)));
        }
        fires.sort(Comparator.comparing(Fire::at).thenComparing(f -> f.schedule().id()));
        return fires.stream().limit(CALENDAR_SHOWN).map(f -> new Views.CalendarEntry(Times.day(f.at()), Times.time(f.at()),
                f.schedule().id(), f.schedule().checks().isEmpty() ? "—" : String.join(", ", f.schedule().checks()))).toList();
    }

    public static String liveUrl(String check) {
        return "live/" + Slugs.of(check) + ".html";
    }

    /** The live-state fragments of the given checks: site-root path → bytes. */
    public Map<String, byte[]> liveFragments(StatusSnapshot s, String title, java.util.Set<String> checks) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        live(s, checks).forEach((id, live) -> out.put(liveUrl(id), templates.render("live.jte",
                new Views.LivePage(live, title, s.generatedAt().toString(), Times.text(s.generatedAt())))));
        return out;
    }

    /** The live state of each check, for the runbook pages that name it: check id → fragment. */
    public Map<String, Views.LiveCheck> live(StatusSnapshot s, java.util.Set<String> wanted) {
        Map<String, List<FindingStatus>> byCheck = new TreeMap<>();
        for (FindingStatus f : s.findings()) {
            if (wanted.contains(f.check())) {
                byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, Views.LiveCheck> live = new TreeMap<>();
        for (String id : new TreeSet<>(wanted)) {
            List<FindingStatus> fs = byCheck.getOrDefault(id, List.of());
            Level worst = Level.OK;
            int problems = 0;
            for (FindingStatus f : fs) {
                worst = worst.worse(f.severity());
                problems += f.severity() == Level.OK ? 0 : 1;
            }
            List<Views.FindingRow> shown = fs.stream().filter(f -> f.severity() != Level.OK).map(f -> new Views.FindingRow(
                    f.host(), hostUrl(f.host()), f.check(), checkUrl(f.check()), f.subject(), f.severity(), f.message(),
                    runbookHref(f.runbook()), "", false)).sorted(WORST_FIRST).limit(LIVE_SHOWN).toList();
            boolean applicable = s.checks().stream().filter(c -> c.id().equals(id)).allMatch(CheckInfo::applicable);
            live.put(id, new Views.LiveCheck(id, checkUrl(id), fs.isEmpty() ? Level.UNKNOWN : worst, problems, fs.size(), shown, applicable));
        }
        return live;
    }
}
