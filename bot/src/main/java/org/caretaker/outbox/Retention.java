package org.caretaker.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What is not kept for ever: runs older than the store's retention, and messages delivered a month ago. */
public final class Retention implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final Duration DELIVERED_KEEP = Duration.ofDays(30);

    private final HistoryStore history;
    private final Outbox outbox;
    private final Duration keepRuns;
    private final Clock clock;

    public Retention(HistoryStore history, Outbox outbox, Duration keepRuns, Clock clock) {
        this.history = history;
        this.outbox = outbox;
        this.keepRuns = keepRuns;
        this.clock = clock;
    }

    /** Prunes once; a failure is logged and the next pass tries again. */
    @Override
    public void run() {
        Instant now = clock.instant();
        try {
            int runsRemoved = history.prune(now.minus(keepRuns));
            int sent = outbox.prune(now.minus(DELIVERED_KEEP));
            if (runsRemoved > 0 || sent > 0) {
                LOG.info("retention pruned runs={} deliveredMessages={}", runsRemoved, sent);
            }
        } catch (StoreException | RuntimeException e) {
            LOG.warn("retention failed reason=\"{}\"", e.getMessage());
        }
    }
}
