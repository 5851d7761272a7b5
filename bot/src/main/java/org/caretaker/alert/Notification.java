package org.caretaker.alert;

import java.time.Instant;
import java.util.Objects;
import org.caretaker.check.Severity;

/**
 * One thing people should be told about one (host, check, subject), decided by the {@link AlertEngine}.
 * Plain data: the reporter turns a batch of them into a report, the outbox delivers it.
 *
 * @param kind     what happened
 * @param severity the severity now (OK for RESOLVED)
 * @param previous the severity people were last told about; OK when they were told nothing yet
 * @param message  the finding's one line
 * @param runbook  the runbook anchor that says what to do
 * @param shortId  {@link Fingerprint#shortId} of the subject, for {@code /ack}
 * @param since    when the problem began
 */
public record Notification(Kind kind, String host, String check, String subject, Severity severity, Severity previous,
                           String message, String runbook, String shortId, Instant since) {

    /** What changed. */
    public enum Kind {
        /** A problem reached the failure threshold. */
        FAILURE,
        /** An announced problem got worse (WARN → CRIT). */
        ESCALATION,
        /** An announced problem reached the success threshold of OK results. */
        RESOLVED,
        /** An unresolved CRIT or UNREACHABLE, repeated after the reminder interval. */
        REMINDER,
        /** An acknowledged problem changed its value: the ack is over and people see the new value. */
        VALUE_CHANGED
    }

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(message, "message");
        runbook = runbook == null ? "" : runbook;
        Objects.requireNonNull(shortId, "shortId");
        Objects.requireNonNull(since, "since");
    }

    /** {@code host/check/subject}, as {@link org.caretaker.check.Finding#key()}. */
    public String key() {
        return host + "/" + check + "/" + subject;
    }
}
