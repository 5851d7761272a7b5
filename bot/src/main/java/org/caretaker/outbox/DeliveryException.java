package org.caretaker.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * A message could not be delivered now. A transient failure (a rate limit, a platform down) leaves it in the
 * outbox for a retry; a {@link #permanent()} one (the platform refused this message for good: a 400, 403 or
 * 404) makes it a dead letter, since sending the same request again can only be refused again.
 */
public final class DeliveryException extends Exception {
    private final Optional<Duration> retryAfter;
    private final boolean permanent;

    public DeliveryException(String message, Throwable cause, Optional<Duration> retryAfter) {
        this(message, cause, retryAfter, false);
    }

    private DeliveryException(String message, Throwable cause, Optional<Duration> retryAfter, boolean permanent) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.permanent = permanent;
    }

    public DeliveryException(String message) {
        this(message, null, Optional.empty());
    }

    /** The platform refused this message and would refuse it again; {@code message} carries its description. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, null, Optional.empty(), true);
    }

    /** When the platform said when to try again (a rate limit), that wins over the outbox's backoff. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }
}
