package org.caretaker.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.alert.Ack;
import org.caretaker.chat.CommandReference;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.HostConfig;
import org.caretaker.config.SiteConfig;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.SiteOptions;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.SnapshotJson;
import org.caretaker.site.snapshot.StatusSnapshot;
import org.caretaker.store.DataDirectory;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.MetricPoint;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the bot remembers into the site's {@link StatusSnapshot}: writes {@code status.json} beside the
 * database after every run and, when a site is configured, re-renders the pages that show the status. The
 * snapshot is the only thing the site generator knows of the bot.
 */
public final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    private static final int RUNS = 50;
    private static final Duration CHART_WINDOW = Duration.ofDays(90);
    /** Runs read for the history bars: enough for the last 30 of a check that runs in most jobs. */
    private static final int TRAIL_RUNS = 120;

    private final CaretakerConfig config;
    private final Catalogue catalogue;
    private final HistoryStore history;
    private final Jobs jobs;
    private final CommandRegistry commands;
    private final Clock clock;
    private final Path statusFile;
    private final Optional<SiteGenerator> site;
    private final java.util.function.Supplier<Map<String, Ack>> acks;
    private final SnapshotJson json = new SnapshotJson();

    /** The configured site's generator; a runbook that does not build is logged, and the bot runs without its site. */
    public static Optional<SiteGenerator> siteGenerator(SiteConfig c) {
        try {
            return Optional.of(SiteGenerator.load(SiteOptions.of(c.content(), c.templates(), c.out(), c.title())));
        } catch (RuntimeException e) {
            LOG.error("the runbook site is not built; the bot runs without it reason=\"{}\"", e.getMessage());
            return Optional.empty();
        }
    }

    public StatusPublisher(CaretakerConfig config, Catalogue catalogue, HistoryStore history, Jobs jobs, CommandRegistry commands,
                           Clock clock, Path statusFile, Optional<SiteGenerator> site) {
        this(config, catalogue, history, jobs, commands, clock, statusFile, site, Map::of);
    }

    /** @param acks the acknowledgements, shown beside the findings they mute */
    public StatusPublisher(CaretakerConfig config, Catalogue catalogue, HistoryStore history, Jobs jobs, CommandRegistry commands,
                           Clock clock, Path statusFile, Optional<SiteGenerator> site, java.util.function.Supplier<Map<String, Ack>> acks) {
        this.acks = acks;
        this.config = config;
        this.catalogue = catalogue;
        this.history = history;
        this.jobs = jobs;
        this.commands = commands;
        this.clock = clock;
        this.statusFile = statusFile;
        this.site = site;
    }

    /** The whole site, once after start-up. */
    public void buildAll() throws StoreException, IOException {
        StatusSnapshot s = write();
        if (site.isPresent()) {
            var r = site.get().build(s);
            LOG.info("site built pages={} written={}", r.rendered(), r.written());
        }
    }

    /** After a run: the snapshot, and the pages that show it. */
    public void publish() throws StoreException, IOException {
        StatusSnapshot s = write();
        if (site.isPresent()) {
            var r = site.get().renderStatus(s);
            LOG.debug("site status re-rendered files={} written={}", r.rendered(), r.written());
        }
    }

    private StatusSnapshot write() throws StoreException, IOException {
        StatusSnapshot s = snapshot();
        DataDirectory.writePrivate(statusFile, json.write(s));
        return s;
    }

    public StatusSnapshot snapshot() throws StoreException {
        Instant now = clock.instant();
        List<StoredState> states = history.latest();

        Map<String, StoredState> reach = new HashMap<>();
        for (StoredState st : states) {
            if (st.finding().check().equals("reachability")) {
                reach.put(st.finding().host(), st);
            }
        }
        List<StatusSnapshot.HostStatus> hosts = new ArrayList<>();
        for (HostConfig h : config.hosts()) {
            StoredState r = reach.get(h.name());
            hosts.add(new StatusSnapshot.HostStatus(h.name(), h.local() ? "local" : h.address(), List.copyOf(h.tags()),
                    r != null && r.finding().severity() != Severity.UNREACHABLE, r == null ? null : r.updatedAt()));
        }

        List<StatusSnapshot.CheckInfo> checks = new ArrayList<>();
        for (Check c : catalogue.checks()) {
            checks.add(new StatusSnapshot.CheckInfo(c.id(), c.summary(), "",
                    config.hosts().stream().filter(c::runsOn).map(HostConfig::name).toList()));
        }

        List<StatusSnapshot.FindingStatus> findings = new ArrayList<>();
        List<StatusSnapshot.HistorySeries> series = new ArrayList<>();
        Map<String, Ack> acked = acks.get();
        for (StoredState st : states) {
            Finding f = st.finding();
            Ack a = acked.get(f.key());
            StatusSnapshot.Ack ack = a == null ? null
                    : new StatusSnapshot.Ack(a.by(), a.at().orElse(null), a.until().orElse(null), a.rearmedAt().orElse(null));
            findings.add(new StatusSnapshot.FindingStatus(f.check(), f.host(), f.subject(), level(f.severity()), f.message(),
                    f.runbook(), st.since(), st.updatedAt(), ack));
            for (String metric : f.metrics().keySet()) {
                List<MetricPoint> points = history.window(f.host(), f.check(), f.subject(), metric, now.minus(CHART_WINDOW), now);
                if (points.size() >= 2) {
                    series.add(new StatusSnapshot.HistorySeries(f.check(), f.host(), f.subject(), metric,
                            points.stream().map(p -> new StatusSnapshot.Point(p.at(), p.value(), null)).toList()));
                }
            }
        }

        List<StatusSnapshot.RunSummary> runs = new ArrayList<>();
        for (RunRecord r : history.runs(Optional.empty(), RUNS)) {
            runs.add(new StatusSnapshot.RunSummary(Long.toString(r.id()), r.job(), r.triggerKind() + " " + r.triggeredBy(),
                    r.startedAt(), r.finishedAt().orElse(null), r.verdict().map(StatusPublisher::level).orElse(null), r.findings(),
                    statusWord(r.status())));
        }

        List<StatusSnapshot.ScheduleStatus> schedules = new ArrayList<>();
        for (JobInfo j : jobs.list()) {
            schedules.add(new StatusSnapshot.ScheduleStatus(j.id(), j.cron(), j.timeZone(), List.of(),
                    j.lastRun().map(RunRecord::startedAt).orElse(null),
                    j.lastRun().flatMap(RunRecord::verdict).map(StatusPublisher::level).orElse(null), j.nextFires()));
        }

        List<StatusSnapshot.CommandInfo> cmds = new ArrayList<>();
        List<String> jobIds = schedules.stream().map(StatusSnapshot.ScheduleStatus::id).toList();
        for (CommandReference.Entry c : CommandReference.of(commands.specs(), jobIds)) {
            cmds.add(new StatusSnapshot.CommandInfo(c.name(), c.usage(), c.summary(), c.leastRole(), c.alwaysConfirmed(),
                    c.confirmedWith()));
        }
        return new StatusSnapshot(StatusSnapshot.SCHEMA_VERSION, now, labName(), hosts, checks, findings, runs, schedules,
                series, cmds, trails());
    }

    /** The lab's name: the site's title when one is set, else the configuration file's name. */
    private String labName() {
        String title = config.site().map(SiteConfig::title).orElse("");
        return title.isEmpty() ? config.source().getFileName().toString().replaceFirst("\\.ya?ml$", "") : title;
    }

    /**
     * The last runs of each check on each host, from the stored runs and their findings: a run's mark is the
     * worst severity it recorded for that check and host.
     */
    private List<StatusSnapshot.RunTrail> trails() throws StoreException {
        Map<CheckOnHost, List<StatusSnapshot.RunMark>> byKey = new java.util.TreeMap<>(
                java.util.Comparator.comparing(CheckOnHost::check).thenComparing(CheckOnHost::host));
        for (RunRecord r : history.runs(Optional.empty(), TRAIL_RUNS)) {
            if (r.status() == RunStatus.RUNNING) {
                continue;
            }
            Map<CheckOnHost, Severity> worst = new HashMap<>();
            for (Finding f : history.findingsOf(r.id())) {
                worst.merge(new CheckOnHost(f.check(), f.host()), f.severity(), (a, b) -> a.rank() >= b.rank() ? a : b);
            }
            worst.forEach((key, sev) -> byKey.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new StatusSnapshot.RunMark(Long.toString(r.id()), r.startedAt(), level(sev))));
        }
        List<StatusSnapshot.RunTrail> trails = new ArrayList<>();
        byKey.forEach((key, marks) -> trails.add(new StatusSnapshot.RunTrail(key.check(), key.host(), marks)));
        return trails;
    }

    private record CheckOnHost(String check, String host) {
    }

    /** The run's status as the snapshot spells it (SNAPSHOT.md): the enum's name in lower case. */
    private static String statusWord(RunStatus s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Level level(Severity s) {
        return Level.valueOf(s.name());
    }
}
