package org.caretaker.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages out of the {@link Outbox} and hands them to the platforms, on one daemon thread that
 * looks every second, or at once after {@link #wake()}.
 *
 * <p>Within a pass, the first failure of a channel stops that channel (its later messages wait, so order
 * holds), and the first failure of a platform ends that platform's pass (a platform that times out is not
 * asked again and again); other platforms carry on. Sinks must bound their own network calls: the thread
 * waits for them.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    static final int BATCH = 50;
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final Map<String, ChatSink> sinks = new LinkedHashMap<>();
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private final Runnable wake = this::wake;
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread thread;

    public OutboxSender(Outbox outbox, List<ChatSink> sinks, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        for (ChatSink s : sinks) {
            if (this.sinks.putIfAbsent(s.platform(), s) != null) {
                throw new IllegalArgumentException("two chat sinks for platform " + s.platform());
            }
        }
    }

    /** Starts the delivery thread; a second call does nothing. */
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                return;
            }
            running = true;
            outbox.listen(wake);
            thread = new Thread(this::loop, "outbox-sender");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Asks the thread to look now instead of at the next poll; every enqueue does. */
    public void wake() {
        wakeups.release();
    }

    /**
     * One pass over every platform: delivers what is due, in order, and returns how many messages went.
     * Called by the thread; tests call it directly.
     */
    public int drainOnce() {
        int delivered = 0;
        for (ChatSink sink : sinks.values()) {
            delivered += drain(sink);
        }
        return delivered;
    }

    private int drain(ChatSink sink) {
        List<Outbox.Message> due;
        try {
            due = outbox.due(sink.platform(), BATCH);
        } catch (StoreException e) {
            LOG.warn("outbox unreadable platform={} error={}", sink.platform(), e.getMessage());
            return 0;
        }
        int delivered = 0;
        Set<String> blocked = new HashSet<>();
        for (Outbox.Message m : due) {
            if (blocked.contains(m.channel())) {
                continue;
            }
            Instant start = clock.instant();
            try {
                sink.deliver(m.channel(), m.report());
            } catch (DeliveryException | RuntimeException e) {
                Optional<Duration> retryAfter = e instanceof DeliveryException d ? d.retryAfter() : Optional.empty();
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                record(m, reason, retryAfter);
                blocked.add(m.channel());
                // The first failure usually means the platform is down; asking it about every other channel
                // in the same pass would only pile up timeouts. The next pass tries again.
                break;
            }
            try {
                outbox.delivered(m.id());
                delivered++;
                LOG.debug("message delivered id={} channel={} tookMs={}", m.id(), m.channel(),
                        Duration.between(start, clock.instant()).toMillis());
            } catch (StoreException e) {
                // It went out but is not marked: it will go again. Stop the channel so the duplicate at
                // least arrives in order.
                LOG.warn("delivered message not marked id={} channel={} error={}", m.id(), m.channel(), e.getMessage());
                blocked.add(m.channel());
            }
        }
        return delivered;
    }

    private void record(Outbox.Message m, String reason, Optional<Duration> retryAfter) {
        try {
            Instant next = outbox.failed(m.id(), reason, retryAfter);
            LOG.warn("delivery failed id={} channel={} attempts={} retryAt={} reason={}", m.id(), m.channel(), m.attempts() + 1, next, reason);
        } catch (StoreException e) {
            LOG.warn("delivery failed and not recorded id={} channel={} reason={} error={}", m.id(), m.channel(), reason, e.getMessage());
        }
    }

    private void loop() {
        while (running) {
            try {
                drainOnce();
            } catch (RuntimeException e) {
                LOG.error("outbox pass failed", e);
            }
            try {
                if (wakeups.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the thread after the delivery under way; undelivered messages stay in the outbox. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            running = false;
            outbox.unlisten(wake);
            t = thread;
            thread = null;
        }
        if (t != null) {
            wakeups.release();
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
