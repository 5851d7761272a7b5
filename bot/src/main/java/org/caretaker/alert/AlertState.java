package org.caretaker.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;

/**
 * What the alert engine remembers about one (host, check, subject): one row of {@code alert_state}. Mutable,
 * but only inside one synchronized call of {@link AlertEngine}, between loading and saving the row.
 */
final class AlertState {
    /**
     * Metrics that move by themselves on a healthy system (clocks, latencies, byte counts). They are not part
     * of a finding's value: otherwise every run would break every ack.
     */
    private static final Set<String> DRIFTING = Set.of("power_on_hours", "temperature_c", "latency_ms", "probe_ms", "connect_ms",
            "pending_minutes", "not_ready_minutes", "scrub_age_days", "hours_since_backup", "tls_days_left", "used", "total",
            "used_bytes", "total_bytes", "available_bytes", "available_percent", "scan_percent");

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
    Instant ackedAt;
    /** When a change of the value ended an ack, and whose it was: shown until someone acks again. */
    Instant rearmedAt;
    String rearmedBy;
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
        ackedAt = null;
    }

    boolean ackHolds(Instant now) {
        return ackedUntil != null && now.isBefore(ackedUntil);
    }

    Notification notification(Notification.Kind kind, Severity previous) {
        return new Notification(kind, host, check, subject, severity, previous, message, runbook, shortId, since);
    }

    static AlertState fresh(Finding f) {
        AlertState s = new AlertState();
        s.host = f.host();
        s.check = f.check();
        s.subject = f.subject();
        s.shortId = Fingerprint.shortId(f);
        return s;
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
}
