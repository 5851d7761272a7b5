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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages out of the {@link Outbox} and hands them to the platforms, on one daemon thread that
 * looks every second, or at once after {@link #wake()}, or when a channel held back by pacing may go again.
 *
 * <p>A message goes part by part, each part recorded once the platform took it. Within a pass:
 * <ul>
 * <li>a channel waits for its sink's {@link ChatSink#spacing() spacing} between two requests, so flood
 *     control is not run into; the other channels are served meanwhile, and nothing sleeps;</li>
 * <li>a rate limit (a failure with a retry-after) holds back that channel only, for as long as the
 *     platform asked, however long that is;</li>
 * <li>a permanent refusal makes the message a dead letter: logged at WARN, counted, reported once on the
 *     notice channel (the console), and the channel's later messages go on;</li>
 * <li>any other failure stops the channel (order holds) and ends the platform's pass: a platform that
 *     times out is not asked again and again. Other platforms carry on.</li>
 * </ul>
 * Sinks must bound their own network calls: the thread waits for them.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    static final int BATCH = 50;
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final Map<String, ChatSink> sinks = new LinkedHashMap<>();
    private final Clock clock;
    private final Optional<String> notices;
    /** When each channel may have its next request, from its sink's spacing. Only this thread's business. */
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private final Runnable wake = this::wake;
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread thread;

    public OutboxSender(Outbox outbox, List<ChatSink> sinks, Clock clock) {
        this(outbox, sinks, clock, Optional.empty());
    }

    /** @param notices where a dead letter is reported (the console), other than on the platform that refused it */
    public OutboxSender(Outbox outbox, List<ChatSink> sinks, Clock clock, Optional<String> notices) {
        this.outbox = outbox;
        this.clock = clock;
        this.notices = notices;
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
     * One pass over every platform: delivers what is due, in order, and returns how many messages were
     * completed (every part accepted). Called by the thread; tests call it directly.
     */
    public int drainOnce() {
        int delivered = 0;
        for (ChatSink sink : sinks.values()) {
            delivered += drain(sink);
        }
        return delivered;
    }

    /**
     * Passes until the outbox is empty or {@code budget} is spent, waiting for paced channels in between: a
     * leader that steps down hands over as little as it can. Messages left stay for the next leader.
     */
    public void drainFor(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            while (true) {
                int delivered = drainOnce();
                Instant now = clock.instant();
                boolean paced = notBefore.values().stream().anyMatch(t -> t.isAfter(now));
                // Nothing went and nothing waits for its pace: what is left waits for a platform that is down.
                if (outbox.depth() == 0 || (delivered == 0 && !paced) || System.nanoTime() >= deadline) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(Math.min(waitMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (StoreException e) {
            LOG.warn("outbox unreadable while draining error={}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            Outcome o = deliver(sink, m);
            switch (o) {
                case DELIVERED -> delivered++;
                case DEAD -> {
                    // the channel's later messages go on
                }
                case WAITING -> blocked.add(m.channel());
                case PLATFORM_DOWN -> {
                    // The first failure usually means the platform is down; asking it about every other channel
                    // in the same pass would only pile up timeouts. The next pass tries again.
                    return delivered;
                }
            }
        }
        return delivered;
    }

    private enum Outcome { DELIVERED, DEAD, WAITING, PLATFORM_DOWN }

    private Outcome deliver(ChatSink sink, Outbox.Message m) {
        Instant start = clock.instant();
        int parts;
        try {
            parts = Math.max(1, sink.parts(m.report()));
        } catch (RuntimeException e) {
            return dead(m, "cannot be drawn for " + sink.platform() + ": " + e);
        }
        Duration spacing = sink.spacing();
        for (int part = m.partsDone(); part < parts; part++) {
            Instant now = clock.instant();
            Instant allowed = notBefore.get(m.channel());
            if (allowed != null && now.isBefore(allowed)) {
                return Outcome.WAITING;
            }
            try {
                sink.deliver(m.channel(), m.report(), part);
            } catch (DeliveryException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (e instanceof DeliveryException d && d.permanent()) {
                    return dead(m, reason);
                }
                Optional<Duration> retryAfter = e instanceof DeliveryException d ? d.retryAfter() : Optional.empty();
                record(m, reason, retryAfter);
                return retryAfter.isPresent() ? Outcome.WAITING : Outcome.PLATFORM_DOWN;
            } finally {
                if (!spacing.isZero()) {
                    notBefore.put(m.channel(), clock.instant().plus(spacing));
                }
            }
            if (part + 1 < parts) {
                try {
                    outbox.partsDone(m.id(), part + 1);
                } catch (StoreException e) {
                    // The part went out but is not marked: it would go again. Stop the channel here.
                    LOG.warn("delivered part not marked id={} part={} channel={} error={}", m.id(), part, m.channel(), e.getMessage());
                    return Outcome.WAITING;
                }
            }
        }
        try {
            outbox.delivered(m.id());
            LOG.debug("message delivered id={} channel={} parts={} tookMs={}", m.id(), m.channel(), parts,
                    Duration.between(start, clock.instant()).toMillis());
            return Outcome.DELIVERED;
        } catch (StoreException e) {
            // It went out but is not marked: it will go again. Stop the channel so the duplicate at
            // least arrives in order.
            LOG.warn("delivered message not marked id={} channel={} error={}", m.id(), m.channel(), e.getMessage());
            return Outcome.WAITING;
        }
    }

    private Outcome dead(Outbox.Message m, String reason) {
        try {
            outbox.dead(m.id(), reason);
        } catch (StoreException e) {
            LOG.warn("undeliverable message not marked id={} channel={} reason={} error={}", m.id(), m.channel(), reason, e.getMessage());
            return Outcome.WAITING;
        }
        LOG.warn("message undeliverable, given up id={} channel={} title=\"{}\" reason={}", m.id(), m.channel(), m.report().title(), reason);
        if (notices.isPresent() && !Outbox.platformOf(notices.get()).equals(m.platform())) {
            Report notice = Report.text("Message to " + m.channel() + " not delivered", Severity.WARN,
                    "\"" + m.report().title() + "\" was refused by " + m.platform() + " and will not be sent again.",
                    "The platform said: " + reason);
            try {
                outbox.enqueue(notices.get(), notice);
            } catch (StoreException | RuntimeException e) {
                LOG.warn("undeliverable message not reported channel={} error={}", notices.get(), e.getMessage());
            }
        }
        return Outcome.DEAD;
    }

    private void record(Outbox.Message m, String reason, Optional<Duration> retryAfter) {
        try {
            Instant next = outbox.failed(m.id(), reason, retryAfter);
            LOG.warn("delivery failed id={} channel={} attempts={} retryAt={} reason={}", m.id(), m.channel(), m.attempts() + 1, next, reason);
        } catch (StoreException e) {
            LOG.warn("delivery failed and not recorded id={} channel={} reason={} error={}", m.id(), m.channel(), reason, e.getMessage());
        }
    }

    /** How long the thread may wait before a paced channel may go again, at most the poll interval. */
    private long waitMillis() {
        Instant now = clock.instant();
        long wait = POLL.toMillis();
        for (Instant t : notBefore.values()) {
            long ms = Duration.between(now, t).toMillis();
            if (ms >= 0) {
                wait = Math.min(wait, ms + 1);
            }
        }
        notBefore.values().removeIf(t -> t.isBefore(now));
        return Math.max(1, wait);
    }

    private void loop() {
        while (running) {
            try {
                drainOnce();
            } catch (RuntimeException e) {
                LOG.error("outbox pass failed", e);
            }
            try {
                if (wakeups.tryAcquire(waitMillis(), TimeUnit.MILLISECONDS)) {
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
