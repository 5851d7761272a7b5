package org.caretaker.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.caretaker.chat.Acknowledger;
import org.caretaker.chat.ChatUser;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.HostConfig;
import org.caretaker.job.RunOutcome;
import org.caretaker.store.Database;
import org.caretaker.store.StoreException;
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
    /** The message the history store gives a subject a check stopped reporting (see {@link Transition}). */
    private static final String NO_LONGER_REPORTED = "no longer reported";
    /**
     * Metrics that move by themselves on a healthy system (clocks, latencies, byte counts). They are not part
     * of a finding's value: otherwise every run would break every ack.
     */
    private static final Set<String> DRIFTING = Set.of("power_on_hours", "temperature_c", "latency_ms", "probe_ms", "connect_ms",
            "pending_minutes", "not_ready_minutes", "scrub_age_days", "hours_since_backup", "tls_days_left", "used", "total",
            "used_bytes", "total_bytes", "available_bytes", "available_percent", "scan_percent");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "host, check_id, subject, short_id, severity, failures, successes, announced, value_hash, "
            + "message, runbook, since, acked_until, acked_by, acked_value, last_notified_at, last_run_id, updated_at";

    private final Database db;
    private final AlertPolicy policy;
    private final Clock clock;
    private final List<HostConfig> hosts;
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    /** Without the host list, maintenance windows by tag match no host; prefer the four-argument form. */
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

    /** The state of one (host, check, subject); mutable only inside one call. */
    private static final class State {
        String host;
        String check;
        String subject;
        String shortId;
        Severity severity = Severity.OK;
        int failures;
        int successes;
        Severity announced = Severity.OK;
        String value = "";
        String message = "";
        String runbook = "";
        Instant since;
        Instant ackedUntil;
        String ackedBy;
        String ackedValue;
        Instant lastNotifiedAt;
        long lastRunId = -1;
        boolean stored;

        String key() {
            return host + "/" + check + "/" + subject;
        }

        void clearAck() {
            ackedUntil = null;
            ackedBy = null;
            ackedValue = null;
        }

        boolean ackHolds(Instant now) {
            return ackedUntil != null && now.isBefore(ackedUntil);
        }

        Notification notification(Notification.Kind kind, Severity previous) {
            return new Notification(kind, host, check, subject, severity, previous, message, runbook, shortId, since);
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
            observed.merge(f.key(), f, (a, b) -> b.severity().isWorseThan(a.severity()) ? b : a);
        }
        List<Transition> gone = outcome.transitions().stream()
                .filter(t -> t.to() == Severity.OK && NO_LONGER_REPORTED.equals(t.message()) && !observed.containsKey(t.key()))
                .toList();
        List<Notification> out = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Map<String, State> states = load(c);
                List<State> touched = new ArrayList<>();
                for (Finding f : observed.values()) {
                    State s = states.get(f.key());
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
                            s = fresh(f);
                            states.put(f.key(), s);
                        }
                        failStep(s, f, now).ifPresent(out::add);
                    }
                    s.lastRunId = outcome.runId();
                    touched.add(s);
                }
                for (Transition t : gone) {
                    State s = states.get(t.key());
                    if (s != null) {
                        resolveStep(s, t.message(), s.runbook, true, now).ifPresent(out::add);
                        s.lastRunId = outcome.runId();
                        touched.add(s);
                    }
                }
                for (State s : touched) {
                    save(c, s, now);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot update alert state: " + e.getMessage(), e);
        }
        for (Notification n : out) {
            LOG.info("alert kind={} host={} check={} subject={} severity={} previous={} job={}", n.kind(), n.host(), n.check(),
                    n.subject(), n.severity(), n.previous(), outcome.plan().job());
        }
        return out;
    }

    private static State fresh(Finding f) {
        State s = new State();
        s.host = f.host();
        s.check = f.check();
        s.subject = f.subject();
        s.shortId = Fingerprint.shortId(f);
        return s;
    }

    private Optional<Notification> failStep(State s, Finding f, Instant now) {
        if (s.failures == 0 && s.announced == Severity.OK) {
            s.since = now;
        }
        s.failures++;
        s.successes = 0;
        s.severity = f.severity();
        s.message = f.message();
        s.runbook = f.runbook();
        s.value = value(f);
        boolean ackHolds = s.ackHolds(now) && s.value.equals(s.ackedValue);
        boolean ackBroken = s.ackHolds(now) && !ackHolds;
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

    private Optional<Notification> resolveStep(State s, String message, String runbook, boolean gone, Instant now) {
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
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                for (State s : load(c).values()) {
                    boolean critical = s.announced == Severity.CRIT || s.announced == Severity.UNREACHABLE;
                    if (!critical || s.failures == 0 || s.ackHolds(now) || quiet(s.host, s.check, now)) {
                        continue;
                    }
                    if (s.lastNotifiedAt != null && now.isBefore(s.lastNotifiedAt.plus(policy.reminder()))) {
                        continue;
                    }
                    out.add(s.notification(Notification.Kind.REMINDER, s.announced));
                    s.lastNotifiedAt = now;
                    save(c, s, now);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
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
    public synchronized String ack(String shortId, ChatUser by, Optional<Duration> ttl) {
        Duration d = ttl.orElse(policy.ackTtl());
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("an ack must last longer than 0, found " + d);
        }
        Instant now = clock.instant();
        Instant until = now.plus(d);
        List<String> keys = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                for (State s : load(c).values()) {
                    if (!s.shortId.equals(shortId) || s.failures == 0) {
                        continue;
                    }
                    s.ackedUntil = until;
                    s.ackedBy = by.qualifiedId();
                    s.ackedValue = s.value;
                    save(c, s, now);
                    keys.add(s.key());
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the ack: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no open finding has the id " + shortId + "; /status lists the open ones");
        }
        LOG.info("alert acked shortId={} by={} until={} findings={}", shortId, by.qualifiedId(), until, keys.size());
        return "acked " + String.join(", ", keys) + " until " + WHEN.format(until) + " or until it changes";
    }

    /** Severity, message and the metrics that do not drift by themselves, hashed: "has anything changed?". */
    static String value(Finding f) {
        StringBuilder sb = new StringBuilder().append(f.severity()).append('\n').append(f.message()).append('\n');
        new TreeMap<>(f.metrics()).forEach((k, v) -> {
            if (!DRIFTING.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private Map<String, State> load(Connection c) throws SQLException {
        Map<String, State> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM alert_state ORDER BY host, check_id, subject")) {
            while (rs.next()) {
                State s = new State();
                s.host = rs.getString(1);
                s.check = rs.getString(2);
                s.subject = rs.getString(3);
                s.shortId = rs.getString(4);
                s.severity = Severity.valueOf(rs.getString(5));
                s.failures = rs.getInt(6);
                s.successes = rs.getInt(7);
                s.announced = Severity.valueOf(rs.getString(8));
                s.value = rs.getString(9);
                s.message = rs.getString(10);
                s.runbook = rs.getString(11);
                s.since = instant(rs, 12);
                s.ackedUntil = instant(rs, 13);
                s.ackedBy = rs.getString(14);
                s.ackedValue = rs.getString(15);
                s.lastNotifiedAt = instant(rs, 16);
                s.lastRunId = rs.getLong(17);
                s.stored = true;
                out.put(s.key(), s);
            }
        }
        return out;
    }

    /** Writes one state; a subject with nothing open (OK, nothing announced) has no row. */
    private static void save(Connection c, State s, Instant now) throws SQLException {
        boolean open = s.failures > 0 || s.announced != Severity.OK;
        if (!open) {
            if (s.stored) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM alert_state WHERE host = ? AND check_id = ? AND subject = ?")) {
                    d.setString(1, s.host);
                    d.setString(2, s.check);
                    d.setString(3, s.subject);
                    d.executeUpdate();
                }
                s.stored = false;
            }
            return;
        }
        String sql = s.stored
                ? "UPDATE alert_state SET short_id = ?, severity = ?, failures = ?, successes = ?, announced = ?, value_hash = ?, message = ?, "
                + "runbook = ?, since = ?, acked_until = ?, acked_by = ?, acked_value = ?, last_notified_at = ?, last_run_id = ?, updated_at = ? "
                + "WHERE host = ? AND check_id = ? AND subject = ?"
                : "INSERT INTO alert_state (short_id, severity, failures, successes, announced, value_hash, message, runbook, since, "
                + "acked_until, acked_by, acked_value, last_notified_at, last_run_id, updated_at, host, check_id, subject) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, s.shortId);
            p.setString(2, s.severity.name());
            p.setInt(3, s.failures);
            p.setInt(4, s.successes);
            p.setString(5, s.announced.name());
            p.setString(6, s.value);
            p.setString(7, clip(s.message, 4000));
            p.setString(8, clip(s.runbook, 200));
            setTime(p, 9, s.since == null ? now : s.since);
            setTime(p, 10, s.ackedUntil);
            p.setString(11, s.ackedBy);
            p.setString(12, s.ackedValue);
            setTime(p, 13, s.lastNotifiedAt);
            p.setLong(14, s.lastRunId);
            setTime(p, 15, now);
            p.setString(16, s.host);
            p.setString(17, s.check);
            p.setString(18, clip(s.subject, 512));
            p.executeUpdate();
        }
        s.stored = true;
    }

    private static void setTime(PreparedStatement p, int col, Instant i) throws SQLException {
        if (i == null) {
            p.setNull(col, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(col, i.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
