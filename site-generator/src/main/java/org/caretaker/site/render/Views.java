package org.caretaker.site.render;

import java.util.List;
import org.caretaker.site.content.Page;
import org.caretaker.site.snapshot.Level;

/**
 * One view record per template: everything a template shows, already sorted and formatted, so templates
 * hold no logic beyond loops. Strings that came from a host stay plain strings here; the templates escape
 * them.
 */
public final class Views {
    private Views() {
    }

    /**
     * What every page's frame needs.
     *
     * @param root        the way back to the site root from this page: {@code ""} or {@code "../"}
     * @param snapshotAt  the snapshot's own time, ISO-8601, for the stale banner; empty on pages without status
     * @param staleAfterS seconds after which a reader's browser calls the page stale
     */
    public record Layout(String title, String root, String section, String lab, String snapshotAt,
                         String snapshotAtText, long staleAfterS) {
    }

    /** A finding as a table row; the hrefs are made by the generator, never taken from the snapshot. */
    /** @param ack "acked by … at …, until …", "re-armed …: the value changed after …'s ack", or empty */
    public record FindingRow(String host, String hostHref, String check, String checkHref, String subject,
                             Level severity, String message, String runbookHref, String since, boolean stale, String ack) {
        public FindingRow(String host, String hostHref, String check, String checkHref, String subject,
                          Level severity, String message, String runbookHref, String since, boolean stale) {
            this(host, hostHref, check, checkHref, subject, severity, message, runbookHref, since, stale, "");
        }
    }

    public record TocEntry(int level, String text, String id) {
    }

    /** The live state of one related check, shown on a runbook page. */
    public record LiveCheck(String id, String href, Level worst, int problems, int subjects, List<FindingRow> shown, boolean applicable) {
    }

    /** A runbook page's link to a check's live-state fragment, which is re-rendered without the page. */
    public record LiveLink(String id, String fragmentHref, String checkHref) {
    }

    /** The live-state fragment of one check ({@code live/<check>.html}), framed by the runbook pages naming it. */
    public record LivePage(LiveCheck live, String title, String snapshotAt, String snapshotAtText) {
    }

    public record TagLink(String name, String href) {
    }

    public record RunbookPage(Layout layout, Page page, List<TocEntry> toc, List<LiveLink> live, List<TagLink> tags) {
        /** flexmark's HTML of our own content/ page; never host data. */
        public String bodyHtml() {
            return page.bodyHtml();
        }
    }

    public record NavItem(String title, String href, boolean current) {
    }

    /** @param neverRan the job has no run yet: the page says "never ran", not a severity */
    public record ScheduleRow(String id, String cron, String timeZone, String checks, String lastRun, Level lastWorst,
                              String nextFire, boolean neverRan) {
    }

    public record HostRow(String name, String href, String address, String tags, Level worst, int problems,
                          boolean reachable, String lastSeen, boolean stale, Bars bars) {
    }

    /** @param applicable false when no host has what the check looks at: shown as "not applicable", never OK */
    public record CheckRow(String id, String href, String title, Level worst, int problems, int subjects, Bars bars, boolean applicable) {
    }

    /**
     * A row of history bars, oldest run first.
     *
     * @param href    the page of what the row is about, relative to the site root; empty for none
     * @param percent the share of these runs that found everything OK, {@code 96.7%}; empty without runs
     */
    public record Bars(String label, String href, List<Bar> bars, String percent, int runs) {
    }

    /** One run's bar: its verdict (the colour) and its time and verdict in words. */
    public record Bar(Level level, String label) {
    }

    /** @param status {@code finished}, {@code failed}, {@code interrupted} or {@code running} */
    public record RunRow(String id, String job, String trigger, String startedAt, String tookText, Level worst,
                         int findings, String status) {
    }

    public record Home(Layout layout, Level overall, int crit, int warn, List<ScheduleRow> schedules,
                       List<FindingRow> open, List<HostRow> hosts, List<CheckRow> checks, List<RunRow> runs) {
    }

    public record HostPage(Layout layout, HostRow host, List<FindingRow> findings, List<Bars> history) {
    }

    /**
     * An SVG line chart, all coordinates computed here so that the page draws without JavaScript.
     *
     * @param points the polyline's {@code points} attribute: numbers only
     */
    public record Chart(String title, int width, int height, String points, List<Dot> dots, String min, String max,
                        String from, String to) {
    }

    public record Dot(String x, String y, Level severity, String label) {
    }

    public record CheckPage(Layout layout, String id, String title, String runbookHref, Level worst,
                            List<FindingRow> findings, Bars overall, List<Bars> history, List<Chart> charts) {
    }

    public record TagGroup(String name, String id, List<NavItem> pages) {
    }

    public record TagsPage(Layout layout, List<TagGroup> tags) {
    }

    public record CalendarEntry(String day, String time, String schedule, String checks) {
    }

    public record CalendarPage(Layout layout, List<ScheduleRow> schedules, List<CalendarEntry> entries) {
    }

    public record CommandsPage(Layout layout, List<CommandRow> commands) {
    }

    /**
     * A command as the reference shows it.
     *
     * @param access who may run it, in words: {@code operator; admin and a confirmation for sync, scrub}
     */
    public record CommandRow(String usage, String summary, String role, String access) {
    }

    public record Plain(Layout layout) {
    }
}
