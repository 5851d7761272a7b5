package org.caretaker.alert;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;
import org.caretaker.config.AlertPolicy;
import org.caretaker.config.HostConfig;
import org.caretaker.job.RunOutcome;
import org.caretaker.store.Database;
import org.caretaker.store.StateChanges;
import org.caretaker.store.StoreException;
import org.caretaker.store.Transactions;
import org.caretaker.store.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is told what after each run, and remembers it in the database so a restart never repeats a
 * message. Per (host, check, subject) it keeps the consecutive failures and successes, the severity people
 * were last told about, the finding's value, an ack and when it last spoke:
 *
 * <ul>
 *   <li>a failure is announced once {@link AlertPolicy#failureThreshold(String)} non-OK results in a row are
 *       reached, a worse severity is announced again, and a flap below the thresholds says nothing;</li>
 *   <li>an announced failure is resolved after {@link AlertPolicy#successThreshold(String)} OK results; a
 *       subject a check stopped reporting resolves at once, as it will never report OK again;</li>
 *   <li>an unresolved CRIT or UNREACHABLE is repeated by {@link #reminders(Instant)} every
 *       {@link AlertPolicy#reminder()};</li>
 *   <li>{@link #ack} mutes a finding until its value changes (then the change is announced) or the ack
 *       expires; maintenance windows and {@link #silence silences} mute while they last, and what they kept
 *       quiet is announced on the first run after them. Resolutions are never muted: people who were told
 *       about a problem deserve the all-clear.</li>
 * </ul>
 *
 * <p>A row exists only while something is open, so the table stays as small as the lab's problems.
 */
public final class AlertEngine implements Acknowledger {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Database db;
    private final AlertPolicy policy;
    private final Clock clock;
    private final List<HostConfig> hosts;
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    /** Without the host list, maintenance windows by tag and silences by predicate match no host; prefer the four-argument form. */
    public AlertEngine(Database db, AlertPolicy policy, Clock clock) {
        this(db, policy, clock, List.of());
    }

    /**
     * @param hosts the configured hosts: their tags select maintenance windows by tag, and
     *              {@link #silence(String, Collection, Predicate)} picks from them
     */
    public AlertEngine(Database db, AlertPolicy policy, Clock clock, List<HostConfig> hosts) {
        this.db = db;
        this.policy = policy;
        this.clock = clock;
        this.hosts = List.copyOf(hosts);
    }

    public AlertPolicy policy() {
        return policy;
    }

    private record Silence(Set<String> checks, Set<String> hosts) {
        boolean mutes(String host, String check) {
            return hosts.contains(host) && (checks.isEmpty() || checks.contains(check));
        }
    }

    /**
     * Mutes the given checks on the given hosts while a job of the bot's own runs (a SnapRAID sync makes
     * disk checks noisy). Kept in memory only: a restart ends the job, and with it the reason for silence.
     *
     * @param checks check ids; empty for every check on those hosts
     */
    public void silence(String jobId, Collection<String> checks, Set<String> hosts) {
        silences.put(jobId, new Silence(Set.copyOf(checks), Set.copyOf(hosts)));
        LOG.info("alerts silenced job={} checks={} hosts={}", jobId, checks, hosts);
    }

    /** As {@link #silence(String, Collection, Set)}, choosing the hosts from the configured ones. */
    public void silence(String jobId, Collection<String> checks, Predicate<HostConfig> hosts) {
        silence(jobId, checks, this.hosts.stream().filter(hosts).map(HostConfig::name).collect(Collectors.toSet()));
    }

    public void endSilence(String jobId) {
        if (silences.remove(jobId) != null) {
            LOG.info("alerts silence ended job={}", jobId);
        }
    }

    /**
     * Updates the alert state with one finished run and returns what people must be told, in finding order.
     * An outcome delivered twice (same run id) changes nothing the second time.
     */
    public synchronized List<Notification> afterRun(RunOutcome outcome) throws StoreException {
        Instant now = clock.instant();
        Map<String, Finding> observed = new LinkedHashMap<>();
        for (Finding f : outcome.sweep().findings()) {
            if (NotChecked.is(f)) {
                // About the run, not a host: the run's own report says it; there is nothing to alert on or ack.
                continue;
            }
            observed.merge(f.key(), f, (a, b) -> b.severity().isWorseThan(a.severity()) ? b : a);
        }
        List<Transition> gone = outcome.transitions().stream()
                .filter(t -> t.to() == Severity.OK && StateChanges.GONE.equals(t.message()) && !observed.containsKey(t.key()))
                .toList();
        List<Notification> out = new ArrayList<>();
        try {
            Transactions.runInTransaction(db.dataSource(), c -> {
                Map<String, AlertState> states = AlertStateTable.load(c);
                List<AlertState> touched = new ArrayList<>();
                for (Finding f : observed.values()) {
                    AlertState s = states.get(f.key());
                    if (s != null && outcome.runId() >= 0 && s.lastRunId == outcome.runId()) {
                        continue;
                    }
                    if (f.severity() == Severity.OK) {
                        if (s == null) {
                            continue;
                        }
                        resolveStep(s, f.message(), f.runbook(), false, now).ifPresent(out::add);
                    } else {
                        if (s == null) {
                            s = AlertState.fresh(f);
                            states.put(f.key(), s);
                        }
                        failStep(s, f, now).ifPresent(out::add);
                    }
                    s.lastRunId = outcome.runId();
                    touched.add(s);
                }
                for (Transition t : gone) {
                    AlertState s = states.get(t.key());
                    if (s != null) {
                        resolveStep(s, t.message(), s.runbook, true, now).ifPresent(out::add);
                        s.lastRunId = outcome.runId();
                        touched.add(s);
                    }
                }
                for (AlertState s : touched) {
                    AlertStateTable.save(c, s, now);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot update alert state: " + e.getMessage(), e);
        }
        for (Notification n : out) {
            LOG.info("alert kind={} host={} check={} subject={} severity={} previous={} job={}", n.kind(), n.host(), n.check(),
                    n.subject(), n.severity(), n.previous(), outcome.plan().job());
        }
        return out;
    }

    private Optional<Notification> failStep(AlertState s, Finding f, Instant now) {
        if (s.failures == 0 && s.announced == Severity.OK) {
            s.since = now;
        }
        s.failures++;
        s.successes = 0;
        s.severity = f.severity();
        s.message = f.message();
        s.runbook = f.runbook();
        s.value = AlertState.value(f);
        boolean ackHolds = s.ackHolds(now) && s.value.equals(s.ackedValue);
        boolean ackBroken = s.ackHolds(now) && !ackHolds;
        if (ackBroken) {
            s.rearmedAt = now;
            s.rearmedBy = s.ackedBy;
        }
        if (s.ackedUntil != null && !ackHolds) {
            s.clearAck();
        }
        if (s.failures < policy.failureThreshold(s.check)) {
            return Optional.empty();
        }
        Notification.Kind kind = null;
        if (s.announced == Severity.OK) {
            kind = Notification.Kind.FAILURE;
        } else if (s.severity.isWorseThan(s.announced)) {
            kind = Notification.Kind.ESCALATION;
        } else if (ackBroken) {
            kind = Notification.Kind.VALUE_CHANGED;
        } else if (s.announced.isWorseThan(s.severity)) {
            // Better but not well: lower what people know silently, so that a new rise is news again.
            s.announced = s.severity;
        }
        if (kind == null || ackHolds || quiet(s.host, s.check, now)) {
            return Optional.empty();
        }
        Notification n = s.notification(kind, s.announced);
        s.announced = s.severity;
        s.lastNotifiedAt = now;
        return Optional.of(n);
    }

    private Optional<Notification> resolveStep(AlertState s, String message, String runbook, boolean gone, Instant now) {
        Severity before = s.announced;
        s.failures = 0;
        s.successes++;
        s.severity = Severity.OK;
        s.message = message;
        s.runbook = runbook;
        s.clearAck();
        if (before == Severity.OK) {
            s.announced = Severity.OK;
            return Optional.empty();
        }
        if (!gone && s.successes < policy.successThreshold(s.check)) {
            return Optional.empty();
        }
        Notification n = s.notification(Notification.Kind.RESOLVED, before);
        s.announced = Severity.OK;
        s.lastNotifiedAt = now;
        return Optional.of(n);
    }

    private boolean quiet(String host, String check, Instant now) {
        if (silences.values().stream().anyMatch(x -> x.mutes(host, check))) {
            return true;
        }
        Set<String> tags = hosts.stream().filter(h -> h.name().equals(host)).findFirst().map(HostConfig::tags).orElse(Set.of());
        return policy.inMaintenance(host, tags, check, now);
    }

    /**
     * Repeats each unresolved, announced CRIT or UNREACHABLE whose last message is older than
     * {@link AlertPolicy#reminder()}; an acked or muted one stays quiet. Persisted, so a second call (or a
     * restarted bot) does not repeat the reminder.
     */
    public synchronized List<Notification> reminders(Instant now) throws StoreException {
        if (policy.reminder().isZero()) {
            return List.of();
        }
        List<Notification> out = new ArrayList<>();
        try {
            Transactions.runInTransaction(db.dataSource(), c -> {
                for (AlertState s : AlertStateTable.load(c).values()) {
                    boolean critical = s.announced == Severity.CRIT || s.announced == Severity.UNREACHABLE;
                    if (!critical || s.failures == 0 || s.ackHolds(now) || quiet(s.host, s.check, now)) {
                        continue;
                    }
                    if (s.lastNotifiedAt != null && now.isBefore(s.lastNotifiedAt.plus(policy.reminder()))) {
                        continue;
                    }
                    out.add(s.notification(Notification.Kind.REMINDER, s.announced));
                    s.lastNotifiedAt = now;
                    AlertStateTable.save(c, s, now);
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read alert state for reminders: " + e.getMessage(), e);
        }
        for (Notification n : out) {
            LOG.info("alert kind={} host={} check={} subject={} severity={}", n.kind(), n.host(), n.check(), n.subject(), n.severity());
        }
        return out;
    }

    /**
     * Mutes every open finding with this short id until its value changes or the ack expires.
     *
     * @throws IllegalArgumentException when no open finding has this id, or the duration is not positive
     */
    @Override
    public synchronized Map<String, Ack> acks() {
        Instant now = clock.instant();
        Map<String, Ack> out = new LinkedHashMap<>();
        try (var c = db.dataSource().getConnection()) {
            for (AlertState s : AlertStateTable.load(c).values()) {
                if (s.ackHolds(now)) {
                    out.put(s.key(), Ack.held(s.ackedBy, Optional.ofNullable(s.ackedAt), s.ackedUntil));
                } else if (s.rearmedAt != null && s.failures > 0) {
                    out.put(s.key(), Ack.rearmed(s.rearmedBy, s.rearmedAt));
                }
            }
        } catch (SQLException e) {
            LOG.warn("cannot read the acks reason=\"{}\"", e.getMessage());
        }
        return out;
    }

    @Override
    public synchronized String ack(String shortId, String by, Optional<Duration> ttl) {
        Duration d = ttl.orElse(policy.ackTtl());
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("an ack must last longer than 0, found " + d);
        }
        Instant now = clock.instant();
        Instant until = now.plus(d);
        List<String> keys = new ArrayList<>();
        try {
            Transactions.runInTransaction(db.dataSource(), c -> {
                for (AlertState s : AlertStateTable.load(c).values()) {
                    if (!s.shortId.equals(shortId) || s.failures == 0) {
                        continue;
                    }
                    s.ackedUntil = until;
                    s.ackedBy = by;
                    s.ackedValue = s.value;
                    s.ackedAt = now;
                    s.rearmedAt = null;
                    s.rearmedBy = null;
                    AlertStateTable.save(c, s, now);
                    keys.add(s.key());
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the ack: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no open finding has the id " + shortId + "; /status lists the open ones");
        }
        LOG.info("alert acked shortId={} by={} until={} findings={}", shortId, by, until, keys.size());
        return "acked " + String.join(", ", keys) + " until " + WHEN.format(until) + " or until it changes";
    }
}
