package org.caretaker.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.caretaker.store.Database;
import org.caretaker.store.StoreException;

/**
 * Every access decision on a chat command, kept in the database: who asked, in which channel, for what,
 * and what was decided and why. Arguments are stored as a JSON array exactly as received, never joined,
 * so a refused {@code "a;b"} reads back as one argument. The router writes before a command runs: when
 * the log cannot be written, nothing runs.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final int MAX_ARGS = 8;
    private static final int MAX_ARG_CHARS = 64;

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What was decided. */
    public enum Outcome {
        ALLOW, DENY, CONFIRM_ASKED, CONFIRMED, EXPIRED, INVALID_ARGUMENTS;

        /** {@code confirm-asked}, as stored. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Outcome of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * One audited decision.
     *
     * @param user    {@code platform:user-id}
     * @param command the command name as sent (clipped)
     * @param args    the arguments as sent (long ones clipped)
     */
    public record Entry(long id, Instant at, String user, String channel, String command, List<String> args, Outcome outcome, String reason) {
        public Entry {
            args = List.copyOf(args);
        }
    }

    public void record(CommandRequest req, Outcome outcome, String reason) throws StoreException {
        String sql = "INSERT INTO audit_log (at, user_id, channel, command, args, decision, reason) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            p.setString(2, clip(req.user().qualifiedId(), 200));
            p.setString(3, clip(req.channel(), 200));
            p.setString(4, clip(req.name(), 64));
            p.setString(5, args(req.args()));
            p.setString(6, outcome.id());
            p.setString(7, clip(reason, 1000));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write the audit log: " + e.getMessage(), e);
        }
    }

    /** The newest entries first. */
    public List<Entry> recent(int limit) throws StoreException {
        String sql = "SELECT id, at, user_id, channel, command, args, decision, reason FROM audit_log ORDER BY id DESC LIMIT ?";
        List<Entry> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, Math.max(limit, 0));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    List<String> args;
                    try {
                        args = JSON.readValue(rs.getString(6), STRINGS);
                    } catch (JsonProcessingException e) {
                        args = List.of(rs.getString(6));
                    }
                    out.add(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), args, Outcome.of(rs.getString(7)), rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A JSON array that always fits its column, even fully escaped: at most 8 arguments of at most 64
     * characters each (the longest a valid argument can be), then a count of the rest.
     */
    static String args(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(args.size(), MAX_ARGS); i++) {
            kept.add(clip(args.get(i), MAX_ARG_CHARS));
        }
        if (args.size() > MAX_ARGS) {
            kept.add("… " + (args.size() - MAX_ARGS) + " more");
        }
        try {
            return JSON.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
