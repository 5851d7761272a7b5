package org.caretaker.outbox;

import java.time.Duration;
import java.util.Optional;

/** A message could not be delivered now; it stays in the outbox. */
public final class DeliveryException extends Exception {
    private final Optional<Duration> retryAfter;

    public DeliveryException(String message, Throwable cause, Optional<Duration> retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public DeliveryException(String message) {
        this(message, null, Optional.empty());
    }

    /** When the platform said when to try again (a rate limit), that wins over the outbox's backoff. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
