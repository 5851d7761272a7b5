package org.caretaker.site.snapshot;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the bot knew at one moment, as the site needs it: the bot writes it after each run, the generator
 * reads it. It is also a documented JSON file ({@code site-generator/SNAPSHOT.md}), so the generator can run
 * without the bot. Every string in it came from a host or a configuration and is untrusted.
 *
 * <p>Lists are sorted in the compact constructor, so the same facts always give the same site.
 */
public record StatusSnapshot(
        int schemaVersion,
        Instant generatedAt,
        String lab,
        List<HostStatus> hosts,
        List<CheckInfo> checks,
        List<FindingStatus> findings,
        List<RunSummary> runs,
        List<ScheduleStatus> schedules,
        List<HistorySeries> history,
        List<CommandInfo> commands,
        List<RunTrail> trails) {

    /** The schema version this generator writes and reads. */
    public static final int SCHEMA_VERSION = 2;
    /** The oldest version still read: version 2 only added fields, so a version 1 file reads as before. */
    public static final int OLDEST_READ = 1;

    public StatusSnapshot {
        if (schemaVersion < OLDEST_READ || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion + " is not " + OLDEST_READ + " to " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(generatedAt, "generatedAt");
        lab = lab == null || lab.isBlank() ? "lab" : lab;
        hosts = sorted(hosts, Comparator.comparing(HostStatus::name));
        checks = sorted(checks, Comparator.comparing(CheckInfo::id));
        findings = sorted(findings, Comparator.comparing(FindingStatus::host).thenComparing(FindingStatus::check)
                .thenComparing(FindingStatus::subject));
        runs = sorted(runs, Comparator.comparing(RunSummary::startedAt).reversed().thenComparing(RunSummary::id));
        schedules = sorted(schedules, Comparator.comparing(ScheduleStatus::id));
        history = sorted(history, Comparator.comparing(HistorySeries::check).thenComparing(HistorySeries::host)
                .thenComparing(HistorySeries::subject).thenComparing(HistorySeries::metric));
        commands = sorted(commands, Comparator.comparing(CommandInfo::name));
        trails = sorted(trails, Comparator.comparing(RunTrail::check).thenComparing(RunTrail::host));
    }

    /** A snapshot without run trails (the history bars stay empty). */
    public StatusSnapshot(int schemaVersion, Instant generatedAt, String lab, List<HostStatus> hosts, List<CheckInfo> checks,
                          List<FindingStatus> findings, List<RunSummary> runs, List<ScheduleStatus> schedules,
                          List<HistorySeries> history, List<CommandInfo> commands) {
        this(schemaVersion, generatedAt, lab, hosts, checks, findings, runs, schedules, history, commands, List.of());
    }

    static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).sorted(order).toList();
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    /** A host as configured, and whether the last run reached it. */
    public record HostStatus(String name, String address, List<String> tags, boolean reachable, Instant lastSeen) {
        public HostStatus {
            Objects.requireNonNull(name, "hosts[].name");
            address = text(address);
            tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).sorted().toList();
        }
    }

    /**
     * A check the bot knows: its id, one line saying what it looks at, and its runbook page.
     *
     * @param hosts the hosts it applies to (since version 2): empty means "not applicable" in this lab; absent
     *              (null, a version 1 file) means not known
     */
    public record CheckInfo(String id, String title, String runbook, List<String> hosts) {
        public CheckInfo {
            Objects.requireNonNull(id, "checks[].id");
            title = text(title);
            runbook = text(runbook);
            hosts = hosts == null ? null : hosts.stream().filter(Objects::nonNull).sorted().toList();
        }

        public CheckInfo(String id, String title, String runbook) {
            this(id, title, runbook, null);
        }

        /** False only when the bot said that no host has what this check looks at. */
        public boolean applicable() {
            return hosts == null || !hosts.isEmpty();
        }
    }

    /**
     * The latest finding for one (host, check, subject).
     *
     * @param runbook the section saying what to do, {@code runbook/<page>#<heading-id>}; empty when none
     * @param since   when it entered this severity, if known
     */
    public record FindingStatus(String check, String host, String subject, Level severity, String message,
                                String runbook, Instant since, Instant checkedAt, Ack ack) {
        public FindingStatus {
            Objects.requireNonNull(check, "findings[].check");
            Objects.requireNonNull(host, "findings[].host");
            subject = subject == null || subject.isEmpty() ? "-" : subject;
            severity = severity == null ? Level.UNKNOWN : severity;
            message = text(message);
            runbook = text(runbook);
        }

        public FindingStatus(String check, String host, String subject, Level severity, String message,
                             String runbook, Instant since, Instant checkedAt) {
            this(check, host, subject, severity, message, runbook, since, checkedAt, null);
        }
    }

    /**
     * Someone acknowledged the finding (since version 2): who, when, until when; or, with {@code rearmedAt}, the
     * finding's value changed after that ack, so it counts as open again.
     */
    public record Ack(String by, Instant at, Instant until, Instant rearmedAt) {
        public Ack {
            by = text(by);
        }
    }

    /**
     * One finished (or interrupted) run: what triggered it and how it ended.
     *
     * @param status {@code finished}, {@code failed}, {@code interrupted} or {@code running} (since version 2;
     *               {@code finished} when absent)
     */
    public record RunSummary(String id, String job, String trigger, Instant startedAt, Instant finishedAt,
                             Level worst, int findings, String status) {
        public RunSummary {
            Objects.requireNonNull(id, "runs[].id");
            Objects.requireNonNull(startedAt, "runs[].startedAt");
            job = text(job);
            trigger = text(trigger);
            worst = worst == null ? Level.UNKNOWN : worst;
            status = status == null || status.isBlank() ? "finished" : status;
        }

        public RunSummary(String id, String job, String trigger, Instant startedAt, Instant finishedAt, Level worst, int findings) {
            this(id, job, trigger, startedAt, finishedAt, worst, findings, "finished");
        }
    }

    /** A scheduled job: its cron, its last run, and its next fire times (as many as the bot chose to list). */
    public record ScheduleStatus(String id, String cron, String timeZone, List<String> checks, Instant lastRun,
                                 Level lastWorst, List<Instant> nextFires) {
        public ScheduleStatus {
            Objects.requireNonNull(id, "schedules[].id");
            cron = text(cron);
            timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
            checks = checks == null ? List.of() : checks.stream().filter(Objects::nonNull).sorted().toList();
            nextFires = nextFires == null ? List.of() : nextFires.stream().filter(Objects::nonNull).sorted().toList();
        }
    }

    /** One metric of one subject over time, for the check page's chart. */
    public record HistorySeries(String check, String host, String subject, String metric, List<Point> points) {
        public HistorySeries {
            Objects.requireNonNull(check, "history[].check");
            Objects.requireNonNull(host, "history[].host");
            subject = subject == null || subject.isEmpty() ? "-" : subject;
            metric = text(metric);
            points = sorted(points, Comparator.comparing(Point::at));
        }
    }

    /** A sample: when, the value, and the severity judged at that time. */
    public record Point(Instant at, double value, Level severity) {
        public Point {
            Objects.requireNonNull(at, "points[].at");
            severity = severity == null ? Level.OK : severity;
        }
    }

    /**
     * A chat command from the bot's registry, for the command and permission reference.
     *
     * @param role         the least role that may run it when it leaves hosts as they are
     * @param confirm      whether it needs an admin and a confirmation whatever its arguments
     * @param confirmWhen  the first arguments with which it changes a host, and so needs an admin and a
     *                     confirmation ({@code sync}, {@code scrub}); empty when none or when {@code confirm}
     */
    public record CommandInfo(String name, String usage, String description, String role, boolean confirm,
                              List<String> confirmWhen) {
        public CommandInfo {
            Objects.requireNonNull(name, "commands[].name");
            usage = text(usage);
            description = text(description);
            role = role == null || role.isBlank() ? "user" : role;
            confirmWhen = confirmWhen == null ? List.of() : confirmWhen.stream().filter(Objects::nonNull).sorted().toList();
        }

        public CommandInfo(String name, String usage, String description, String role, boolean confirm) {
            this(name, usage, description, role, confirm, List.of());
        }
    }

    /**
     * The last runs of one check on one host, oldest first, for the row of history bars.
     *
     * @param runs at most the last 30, each with the worst verdict that run gave this check on this host
     */
    public record RunTrail(String check, String host, List<RunMark> runs) {
        public RunTrail {
            Objects.requireNonNull(check, "trails[].check");
            Objects.requireNonNull(host, "trails[].host");
            runs = sorted(runs, Comparator.comparing(RunMark::at).thenComparing(RunMark::run));
            if (runs.size() > MAX_TRAIL) {
                runs = runs.subList(runs.size() - MAX_TRAIL, runs.size());
            }
        }
    }

    /** How many runs a trail keeps. */
    public static final int MAX_TRAIL = 30;

    /** One run's verdict on one check and host. */
    public record RunMark(String run, Instant at, Level verdict) {
        public RunMark {
            Objects.requireNonNull(at, "runs[].at");
            run = text(run);
            verdict = verdict == null ? Level.UNKNOWN : verdict;
        }
    }
}
