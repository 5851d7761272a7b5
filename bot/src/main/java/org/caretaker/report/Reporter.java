package org.caretaker.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.alert.Notification;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;
import org.caretaker.job.RunOutcome;

/**
 * Turns what the alert engine decided into what people read after a run, following the job's
 * {@link ReportPolicy}: a change report only when there is news ({@code changes}), a short report every
 * time ({@code always}), or a digest of what changed since the job's previous run ({@code digest}).
 * Reports are plain {@link Report}s; renderers per platform decide how they look.
 */
public final class Reporter {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final DigestBuilder digests;

    public Reporter(DigestBuilder digests) {
        this.digests = digests;
    }

    /** The report of one finished run, or empty when the policy says nothing is worth saying. */
    public Optional<Report> afterRun(ReportPolicy policy, RunOutcome outcome, List<Notification> notifications) {
        String job = outcome.plan().job();
        switch (policy) {
            case DIGEST:
                return Optional.of(digests.digest(outcome));
            case ALWAYS:
                return Optional.of(notifications.isEmpty() ? summary(job, outcome.sweep().findings()) : changes(job, notifications));
            default:
                if (notifications.isEmpty()) {
                    // Someone who asked for a run that could look at nothing hears why, rather than silence.
                    boolean asked = !outcome.trigger().kind().equals("schedule");
                    return asked && outcome.sweep().findings().stream().anyMatch(NotChecked::is)
                            ? Optional.of(summary(job, outcome.sweep().findings())) : Optional.empty();
                }
                return Optional.of(changes(job, notifications));
        }
    }

    /** One report of all reminders due, or empty when none is. */
    public Optional<Report> reminders(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return Optional.empty();
        }
        List<Report.Line> lines = new ArrayList<>();
        for (Notification n : notifications) {
            lines.add(Report.Line.of(n.severity(), ReportLines.problem(n.host(), n.check(), n.subject(),
                    n.message() + " (open since " + WHEN.format(n.since()) + ")", n.shortId()), n.runbook()));
        }
        String title = "Reminder: " + ReportLines.count(notifications.size(), "problem", "problems") + " still open";
        return Optional.of(new Report(title, worst(notifications), List.of(new Report.Section("Still open", lines)), List.of(), List.of()));
    }

    /** "daily-sanity: 2 new problems, 1 resolved" with sections New, Worse, Changed, Resolved, Still open. */
    static Report changes(String job, List<Notification> notifications) {
        List<Report.Line> fresh = new ArrayList<>();
        List<Report.Line> worse = new ArrayList<>();
        List<Report.Line> changed = new ArrayList<>();
        List<Report.Line> resolved = new ArrayList<>();
        List<Report.Line> open = new ArrayList<>();
        for (Notification n : notifications) {
            switch (n.kind()) {
                case FAILURE -> fresh.add(problem(n, ""));
                case ESCALATION -> worse.add(problem(n, " (was " + n.previous() + ")"));
                case VALUE_CHANGED -> changed.add(problem(n, " (changed since the ack)"));
                case REMINDER -> open.add(problem(n, " (open since " + WHEN.format(n.since()) + ")"));
                case RESOLVED -> resolved.add(Report.Line.of(Severity.OK,
                        ReportLines.where(n.host(), n.check(), n.subject()) + ": " + n.message() + " (was " + n.previous() + ")", n.runbook()));
            }
        }
        List<String> parts = new ArrayList<>();
        List<Report.Section> sections = new ArrayList<>();
        add(parts, sections, fresh, "New", ReportLines.count(fresh.size(), "new problem", "new problems"));
        add(parts, sections, worse, "Worse", worse.size() + " worse");
        add(parts, sections, changed, "Changed", changed.size() + " changed");
        add(parts, sections, resolved, "Resolved", resolved.size() + " resolved");
        add(parts, sections, open, "Still open", open.size() + " still open");
        List<Notification> bad = notifications.stream().filter(n -> n.kind() != Notification.Kind.RESOLVED).toList();
        return new Report(job + ": " + String.join(", ", parts), worst(bad), sections, List.of(), List.of());
    }

    private static void add(List<String> parts, List<Report.Section> sections, List<Report.Line> lines, String heading, String part) {
        if (lines.isEmpty()) {
            return;
        }
        parts.add(part);
        sections.add(new Report.Section(heading, lines));
    }

    private static Report.Line problem(Notification n, String suffix) {
        return Report.Line.of(n.severity(), ReportLines.problem(n.host(), n.check(), n.subject(), n.message() + suffix, n.shortId()), n.runbook());
    }

    /** After a run with no news: "all 9 checks OK on 3 hosts", or the problems that are still open. */
    static Report summary(String job, List<Finding> findings) {
        Map<String, Finding> byKey = ReportLines.byKey(findings);
        List<Finding> open = ReportLines.open(byKey);
        List<Report.Line> notChecked = ReportLines.notChecked(findings);
        if (open.isEmpty() && notChecked.isEmpty()) {
            return new Report(job + ": " + ReportLines.allOk(findings), Severity.OK, List.of(), List.of(), List.of());
        }
        List<Report.Section> sections = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (!open.isEmpty()) {
            parts.add(open.size() + " still open");
            sections.add(new Report.Section("Still open", open.stream().map(ReportLines::problem).toList()));
        }
        if (!notChecked.isEmpty()) {
            parts.add(notChecked.size() + " not checked");
            sections.add(new Report.Section("Not checked", notChecked));
        }
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        return new Report(job + ": no changes, " + String.join(", ", parts), worst, sections, List.of(), List.of());
    }

    private static Severity worst(List<Notification> notifications) {
        return Severity.worst(notifications.stream().map(Notification::severity).toList());
    }
}
