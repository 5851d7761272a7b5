package org.caretaker.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.caretaker.check.Severity;

/** Reads and writes {@code alert_state} (migration V3) in the caller's transaction; plain JDBC for H2 and PostgreSQL. */
final class AlertStateTable {
    private static final String COLUMNS = "host, check_id, subject, short_id, severity, failures, successes, announced, value_hash, "
            + "message, runbook, since, acked_until, acked_by, acked_value, last_notified_at, last_run_id, updated_at, acked_at, rearmed_at, rearmed_by";

    private AlertStateTable() {
    }

    static Map<String, AlertState> load(Connection c) throws SQLException {
        Map<String, AlertState> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM alert_state ORDER BY host, check_id, subject")) {
            while (rs.next()) {
                AlertState s = new AlertState();
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
                s.ackedAt = instant(rs, 19);
                s.rearmedAt = instant(rs, 20);
                s.rearmedBy = rs.getString(21);
                s.stored = true;
                out.put(s.key(), s);
            }
        }
        return out;
    }

    /** Writes one state; a subject with nothing open (OK, nothing announced) has no row. */
    static void save(Connection c, AlertState s, Instant now) throws SQLException {
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
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE alert_state SET acked_at = ?, rearmed_at = ?, rearmed_by = ? WHERE host = ? AND check_id = ? AND subject = ?")) {
            setTime(p, 1, s.ackedAt);
            setTime(p, 2, s.rearmedAt);
            p.setString(3, s.rearmedBy);
            p.setString(4, s.host);
            p.setString(5, s.check);
            p.setString(6, clip(s.subject, 512));
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
