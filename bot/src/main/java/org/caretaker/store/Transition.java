package org.caretaker.store;

import java.time.Instant;
import org.caretaker.check.Severity;

/**
 * A change of severity of one (host, check, subject).
 *
 * @param from    the previous severity; null when the subject is new
 * @param to      the new severity; OK with message "no longer reported" when a subject disappeared
 * @param message the message of the finding that caused the change
 */
public record Transition(long runId, Instant at, String host, String check, String subject, Severity from, Severity to,
                         String message) {

    public String key() {
        return host + "/" + check + "/" + subject;
    }
}
