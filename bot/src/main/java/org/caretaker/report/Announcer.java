package org.caretaker.report;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.alert.AlertEngine;
import org.caretaker.alert.Notification;
import org.caretaker.check.Severity;
import org.caretaker.job.RunListener;
import org.caretaker.job.RunOutcome;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot says on its own: after every run, what is news as a report under the job's policy; reminders
 * of problems still open; runs that were interrupted. Everything goes to a {@link Queue} (the outbox), which
 * keeps it until each channel's platform has taken it.
 */
public final class Announcer implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    /** Where announcements wait for their platform: the outbox. */
    @FunctionalInterface
    public interface Queue {
        void enqueue(String channel, Report report) throws StoreException;
    }

    /** How a scheduled job is reported, and to which channels. */
    public record Route(ReportPolicy policy, List<String> channels) {
        public Route {
            channels = List.copyOf(channels);
        }
    }

    private final Reporter reporter;
    private final AlertEngine alerts;
    private final Queue queue;
    private final Map<String, Route> routes;
    private final Clock clock;

    /**
     * @param routes the scheduled jobs' routes by job id; any other run (an on-demand check) is reported as
     *               changes to the alert channels
     */
    public Announcer(Reporter reporter, AlertEngine alerts, Queue queue, Map<String, Route> routes, Clock clock) {
        this.reporter = reporter;
        this.alerts = alerts;
        this.queue = queue;
        this.routes = Map.copyOf(routes);
        this.clock = clock;
    }

    /** After every run: what is news, as a report under the job's policy, to the job's channels. */
    @Override
    public void finished(RunOutcome outcome) throws StoreException {
        List<Notification> news = alerts.afterRun(outcome);
        Route route = routes.getOrDefault(outcome.plan().job(), new Route(ReportPolicy.CHANGES, alertChannels()));
        Optional<Report> report = reporter.afterRun(route.policy(), outcome, news);
        if (report.isPresent()) {
            announce(route.channels(), report.get());
        }
    }

    /** The reminders that are due, as one report to the alert channels. */
    public void remind() {
        try {
            reporter.reminders(alerts.reminders(clock.instant())).ifPresent(r -> announce(alertChannels(), r));
        } catch (StoreException | RuntimeException e) {
            LOG.warn("reminders failed reason=\"{}\"", e.getMessage());
        }
    }

    /**
     * A run that did not finish: a bot that stopped under it, or an instance that died.
     *
     * @param when "when the bot stopped", "when its instance stopped"
     */
    public void interrupted(RunRecord r, String when) {
        announce(alertChannels(), Report.text(r.job() + ": a run was interrupted " + when,
                Severity.WARN,
                "Run " + r.id() + " of " + r.job() + " started at " + r.startedAt()
                        + r.instance().map(i -> " on " + i).orElse("") + " and did not finish.",
                routes.containsKey(r.job())
                        ? "The scheduler runs it again now."
                        : "It was asked for by " + r.triggeredBy() + "; ask again if it is still needed."));
    }

    /** Queues a report for each channel; the sender delivers it when the platform takes it. */
    public void announce(List<String> channels, Report report) {
        for (String channel : channels) {
            try {
                queue.enqueue(channel, report);
            } catch (StoreException e) {
                LOG.error("cannot queue a report channel={} title=\"{}\" reason=\"{}\"", channel, report.title(), e.getMessage());
            }
        }
    }

    private List<String> alertChannels() {
        return alerts.policy().channels();
    }
}
