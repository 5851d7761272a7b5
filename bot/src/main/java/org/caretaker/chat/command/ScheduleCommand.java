package org.caretaker.chat.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.report.Report;
import org.caretaker.store.RunRecord;

/** {@code /schedule}: every scheduled job with its cron, time zone, next fire times and last run. */
public final class ScheduleCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("schedule", "/schedule",
            "Lists the scheduled jobs with their next and last runs.", Role.VIEWER);

    private final Jobs jobs;

    public ScheduleCommand(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) {
        List<JobInfo> list = jobs.list();
        if (list.isEmpty()) {
            return Report.text("No scheduled jobs", Severity.OK, "The schedules directory holds no jobs.");
        }
        List<Report.Section> sections = new ArrayList<>();
        for (JobInfo j : list) {
            ZoneId zone = zone(j.timeZone());
            List<Report.Line> lines = new ArrayList<>();
            if (j.description() != null && !j.description().isBlank()) {
                lines.add(Report.Line.plain(j.description()));
            }
            lines.add(Report.Line.plain("cron " + j.cron() + " (" + j.timeZone() + ")"));
            lines.add(Report.Line.plain(j.nextFires().isEmpty() ? "next: paused" : "next: " + times(j.nextFires(), zone)));
            lines.add(j.lastRun().map(r -> last(r, zone)).orElse(Report.Line.plain("last: never ran")));
            if (j.changesHosts()) {
                lines.add(Report.Line.plain("changes hosts: /run needs an admin and a confirmation"));
            }
            sections.add(new Report.Section(j.id(), lines));
        }
        return new Report(Lines.plural(list.size(), "scheduled job"), Severity.OK, sections, List.of(), List.of());
    }

    private static Report.Line last(RunRecord r, ZoneId zone) {
        String took = r.finishedAt().map(f -> ", took " + java.time.Duration.between(r.startedAt(), f).toSeconds() + " s").orElse("");
        String text = "last: " + r.status().name().toLowerCase(java.util.Locale.ROOT) + r.verdict().map(w -> " " + w.name()).orElse("")
                + ", started " + Lines.time(r.startedAt(), zone) + took + ", " + Lines.plural(r.findings(), "finding")
                + " (run " + r.id() + ", " + r.triggerKind() + " " + r.triggeredBy() + ")";
        return r.verdict().map(w -> Report.Line.of(w, text, "")).orElse(Report.Line.plain(text));
    }

    private static String times(List<Instant> fires, ZoneId zone) {
        List<String> out = new ArrayList<>();
        for (Instant i : fires) {
            out.add(Lines.time(i, zone));
        }
        return String.join(", ", out);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }
}
