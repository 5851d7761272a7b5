package org.caretaker.retry;

import java.time.Duration;

/**
 * Waits between attempts that double from a first wait up to a cap, and stay there: how every retry in
 * Caretaker spaces its attempts (the outbox, the chat logins and polling, storing a run while the database is
 * away), so a platform or database that is back is noticed within the cap, however long it was gone.
 *
 * @param first the wait after the first failure
 * @param cap   the longest wait
 */
public record Backoff(Duration first, Duration cap) {
    public Backoff {
        if (first.toMillis() < 1 || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= cap, found " + first + " and " + cap);
        }
    }

    /** The wait after the given failed attempt, counting from 1: {@code first}, then twice that, up to {@code cap}. */
    public Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ms = first.toMillis();
        long capMs = cap.toMillis();
        for (int i = 0; i < doublings && ms < capMs; i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, capMs));
    }
}
