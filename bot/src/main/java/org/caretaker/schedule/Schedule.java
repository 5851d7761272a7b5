package org.caretaker.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.caretaker.config.Rules;
import org.caretaker.job.JobPlan;
import org.caretaker.maintenance.ProcedureCatalogue;
import org.caretaker.report.ReportPolicy;
import org.quartz.CronExpression;

/**
 * One scheduled job, as written in {@code schedules/<id>.yaml}. Built by {@link ScheduleLoader}, which also
 * checks the check ids against the catalogue; the record itself refuses what is wrong on its own (a cron
 * Quartz cannot parse, a channel that is not {@code platform:id}).
 *
 * @param id           kebab-case, the file's name without {@code .yaml}
 * @param cron         a Quartz cron expression (with seconds): {@code 0 30 6 * * ?}
 * @param zone         the zone the cron is read in, so 06:30 stays 06:30 across daylight saving time
 * @param checks       check ids, or just {@code all}
 * @param channels     where reports go, each {@code platform:channel} ({@code telegram:-100123}, {@code console:local})
 * @param report       when a run speaks up
 * @param misfire      what a fire missed while the bot was down does
 * @param changesHosts true when the job changes something on a host; starting it by hand needs an admin. Always
 *                     true when the procedure writes to hosts, whatever the file says
 * @param disturbs     check ids whose findings are silenced while this job runs (a sync makes disks busy)
 * @param deadline     the run's own deadline, when it differs from the runner's default
 * @param procedure    a maintenance procedure ({@code snapraid-weekly}, {@code monthly-scrub}) the job runs on its
 *                     hosts, besides its checks
 */
public record Schedule(String id, String description, String cron, ZoneId zone, List<String> checks, HostSelector hosts,
                       List<String> channels, ReportPolicy report, MisfirePolicy misfire, boolean changesHosts,
                       List<String> disturbs, Optional<Duration> deadline, Optional<String> procedure) {

    /** A job of checks only. */
    public Schedule(String id, String description, String cron, ZoneId zone, List<String> checks, HostSelector hosts,
                    List<String> channels, ReportPolicy report, MisfirePolicy misfire, boolean changesHosts,
                    List<String> disturbs, Optional<Duration> deadline) {
        this(id, description, cron, zone, checks, hosts, channels, report, misfire, changesHosts, disturbs, deadline, Optional.empty());
    }

    public Schedule {
        // Derived, never defaulted open: a file that forgets changes-hosts (or says false) still cannot let an
        // operator start a procedure that writes to a host without an admin and a confirmation.
        changesHosts = changesHosts || procedure.map(ProcedureCatalogue::changesHosts).orElse(false);
        checks = List.copyOf(checks);
        channels = List.copyOf(channels);
        disturbs = List.copyOf(disturbs);
        Rules r = new Rules()
                .require(id.matches("[a-z0-9][a-z0-9-]*"), "id", "must be kebab-case (lower-case letters, digits, '-'), found '" + id + "'")
                .require(!checks.isEmpty(), "checks", "must name at least one check, or all")
                .require(!checks.contains("all") || checks.size() == 1, "checks", "'all' already includes every check; list nothing else with it")
                .require(deadline.map(d -> !d.isNegative() && !d.isZero()).orElse(true), "deadline", "must be longer than zero")
                .require(procedure.map(ProcedureCatalogue.SCHEDULABLE::contains).orElse(true), "procedure",
                        "unknown procedure '" + procedure.orElse("") + "'; known: " + String.join(", ", ProcedureCatalogue.SCHEDULABLE));
        String cronProblem = cronProblem(cron);
        r.require(cronProblem == null, "cron", cronProblem);
        for (String c : channels) {
            r.require(c.matches("[a-z]+:\\S+"), "channels", "'" + c + "' must be platform:channel, such as telegram:-100123 or console:local");
        }
        r.check();
    }

    /** Why Quartz cannot use this expression, or null when it can. */
    static String cronProblem(String cron) {
        try {
            new CronExpression(cron);
            return null;
        } catch (ParseException e) {
            return "invalid Quartz cron expression \"" + cron + "\" (" + e.getMessage() + ")";
        } catch (RuntimeException e) {
            return "invalid Quartz cron expression \"" + cron + "\" (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
    }

    /** The next {@code count} fire times strictly after {@code after}, read in the schedule's zone. */
    public List<Instant> nextFires(Instant after, int count) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalStateException("cron checked at construction", e);
        }
        expression.setTimeZone(TimeZone.getTimeZone(zone));
        List<Instant> out = new ArrayList<>();
        Date next = Date.from(after);
        while (out.size() < count) {
            next = expression.getNextValidTimeAfter(next);
            if (next == null) {
                break;
            }
            out.add(next.toInstant());
        }
        return out;
    }

    /** What one run of this job does, for the run service. */
    public JobPlan plan() {
        return new JobPlan(id, checks, hosts, deadline, hosts.describe());
    }

    /** Where this job's reports go: its own channels, or the alert channels when it names none. */
    public List<String> channelsOr(List<String> alertChannels) {
        return channels.isEmpty() ? alertChannels : channels;
    }
}
