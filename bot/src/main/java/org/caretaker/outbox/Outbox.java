package org.caretaker.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.caretaker.report.Report;
import org.caretaker.retry.Backoff;
import org.caretaker.store.Database;
import org.caretaker.store.StoreException;

/**
 * Reports on their way to chat, kept in the database until a platform has taken them. Whoever has
 * something to say only {@link #enqueue enqueues} it: that is one insert, so a dead chat platform never
 * slows a run down, and a restart or an outage loses nothing. {@link OutboxSender} does the delivering.
 *
 * <p>Messages of one channel leave in the order they were enqueued: a message that failed holds back the
 * later ones of its channel until it goes, so a "resolved" never arrives before its "failed". Failed
 * messages are retried with a backoff of 5 s doubling up to one minute, unless the platform said when
 * to try again: the cap is what bounds how long reports keep waiting once a platform is back after a
 * long outage, so it stays short; one request a minute is nothing to a platform that is down.
 *
 * <p>A message the platform refused for good is a dead letter: marked failed with the platform's words,
 * never tried again, and no longer holding back its channel. A message of several parts records each part
 * the platform accepted, so a retry sends only what is missing.
 */
public final class Outbox {
    /** {@code platform:id}: {@code console:local}, {@code telegram:-100123}, {@code discord:987}. */
    static final Pattern CHANNEL = Pattern.compile("([a-z][a-z0-9-]{0,39}):([A-Za-z0-9._@-]{1,150})");
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;

    private final List<Runnable> enqueued = new CopyOnWriteArrayList<>();

    public Outbox(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One message waiting for delivery.
     *
     * @param attempts  how many deliveries failed so far
     * @param partsDone how many of its parts the platform accepted already
     */
    public record Message(long id, String channel, Report report, Instant createdAt, int attempts, int partsDone) {
        public Message {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(report, "report");
        }

        /** The part of the channel before the colon: {@code telegram}. */
        public String platform() {
            return platformOf(channel);
        }
    }

    /**
     * Stores a report for a channel and returns its id.
     *
     * @throws IllegalArgumentException when the channel is not {@code platform:id}
     */
    public long enqueue(String channel, Report report) throws StoreException {
        long id = insert(channel, report);
        enqueued.forEach(Runnable::run);
        return id;
    }

    /** Hears every enqueue, so that a sender looks at once instead of at its next poll. */
    void listen(Runnable listener) {
        enqueued.add(listener);
    }

    void unlisten(Runnable listener) {
        enqueued.remove(listener);
    }

    private long insert(String channel, Report report) throws StoreException {
        String platform = platformOf(channel);
        String payload = toJson(report);
        Instant now = clock.instant();
        String sql = "INSERT INTO outbox (channel, platform, payload, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 0, ?)";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, channel);
            p.setString(2, platform);
            p.setString(3, payload);
            p.setObject(4, ts(now));
            p.setObject(5, ts(now));
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot enqueue a message for " + channel + ": " + e.getMessage(), e);
        }
    }

    /**
     * Messages of one platform that may be sent now, oldest first. A message is left out while an earlier
     * undelivered message of its channel waits for a retry; the caller must still stop a channel at its
     * first failure within one batch.
     */
    public List<Message> due(String platform, int limit) throws StoreException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, found " + limit);
        }
        String sql = "SELECT o.id, o.channel, o.payload, o.created_at, o.attempts, o.parts_done FROM outbox o "
                + "WHERE o.platform = ? AND o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= ? "
                + "AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.delivered_at IS NULL AND e.failed_at IS NULL "
                + "AND e.id < o.id AND e.next_attempt_at > ?) "
                + "ORDER BY o.id LIMIT ?";
        OffsetDateTime now = ts(clock.instant());
        List<Message> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, platform);
            p.setObject(2, now);
            p.setObject(3, now);
            p.setInt(4, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Message(rs.getLong(1), rs.getString(2), fromJson(rs.getLong(1), rs.getString(3)),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getInt(5), rs.getInt(6)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox of " + platform + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The platform took the message; it is never sent again. */
    public void delivered(long id) throws StoreException {
        update(id, "UPDATE outbox SET delivered_at = ?, last_error = NULL WHERE id = ?", p -> {
            p.setObject(1, ts(clock.instant()));
            p.setLong(2, id);
        });
    }

    /** The platform accepted the first {@code parts} parts of the message; a retry starts after them. */
    public void partsDone(long id, int parts) throws StoreException {
        update(id, "UPDATE outbox SET parts_done = ? WHERE id = ?", p -> {
            p.setInt(1, parts);
            p.setLong(2, id);
        });
    }

    /** The platform refused the message for good: a dead letter, never sent again, no longer holding back its channel. */
    public void dead(long id, String reason) throws StoreException {
        update(id, "UPDATE outbox SET failed_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?", p -> {
            p.setObject(1, ts(clock.instant()));
            p.setString(2, clip(reason == null ? "" : reason, 1000));
            p.setLong(3, id);
        });
    }

    /** Every message ever given up, for {@code /metrics}. */
    public long deadLetters() throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count the outbox's dead letters: " + e.getMessage(), e);
        }
    }

    /**
     * The delivery failed; the message waits and holds back the later ones of its channel.
     *
     * @param retryAfter what the platform asked for (a rate limit); otherwise the backoff decides
     * @return when the message will be tried again
     */
    public Instant failed(long id, String reason, Optional<Duration> retryAfter) throws StoreException {
        int attempts = attempts(id) + 1;
        Duration wait = retryAfter.filter(d -> !d.isNegative()).orElseGet(() -> backoff(id, attempts));
        Instant next = clock.instant().plus(wait);
        update(id, "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?", p -> {
            p.setInt(1, attempts);
            p.setObject(2, ts(next));
            p.setString(3, clip(reason == null ? "" : reason, 1000));
            p.setLong(4, id);
        });
        return next;
    }

    /** Messages not delivered yet, over all platforms. */
    public int depth() throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count the outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Forgets delivered messages older than {@code before}; returns how many. Waiting ones stay, and so do
     * dead letters: they are rare, they are the record of what never arrived, and their count is a counter
     * in {@code /metrics} that must never go down.
     */
    public int prune(Instant before) throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?")) {
            p.setObject(1, ts(before));
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot prune the outbox: " + e.getMessage(), e);
        }
    }

    /**
     * 5 s after the first failure, doubling up to a minute, plus up to a tenth more so that many
     * messages failed together do not all come back in the same second. The spread is derived from the
     * id, so it is the same on every run.
     */
    static Duration backoff(long id, int attempts) {
        long base = new Backoff(FIRST_RETRY, MAX_RETRY).after(attempts).toMillis();
        long spread = Math.floorMod(id * 7919L + attempts * 104729L, 101L);
        long jitter = base * spread / 1000;
        return Duration.ofMillis(Math.min(base + jitter, MAX_RETRY.toMillis()));
    }

    static String platformOf(String channel) {
        var m = CHANNEL.matcher(channel == null ? "" : channel);
        if (!m.matches()) {
            throw new IllegalArgumentException("a channel is platform:id, such as console:local or telegram:12345; found '" + channel + "'");
        }
        return m.group(1);
    }

    static String toJson(Report report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises: " + e.getOriginalMessage(), e);
        }
    }

    static Report fromJson(long id, String json) throws SQLException {
        try {
            return JSON.readValue(json, Report.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("outbox message " + id + " cannot be read back: " + e.getOriginalMessage(), e);
        }
    }

    private int attempts(long id) throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT attempts FROM outbox WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("no outbox message " + id);
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read outbox message " + id + ": " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private void update(long id, String sql, Binder binder) throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            if (p.executeUpdate() == 0) {
                throw new StoreException("no outbox message " + id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot update outbox message " + id + ": " + e.getMessage(), e);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
