package org.caretaker.chat.telegram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.caretaker.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Long polling that confirms an update to Telegram only once it was handled. Telegram keeps every update until
 * a {@code getUpdates} asks from a later offset; the library's own loop asks from past the last update it
 * <em>received</em>, so updates it took and then could not handle (the database gone, the instance killed) were
 * lost. Here the offset moves past an update only when the handler says it is done with it; one it leaves is
 * asked for again after a pause, by this instance or by the next leader, whichever polls first.
 *
 * <p>One thread, one update at a time, in Telegram's order: an update left for later holds back the ones
 * after it, so nothing overtakes a command that is still waiting for the database.
 */
final class UpdatePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpdatePoller.class);
    private static final Backoff WAITS = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final TelegramClient client;
    private final Predicate<Update> handled;
    private final Function<Throwable, String> safe;
    private final ScheduledExecutorService thread;
    private final int pollSeconds;
    private volatile boolean closed;
    /** The first update not yet handled; 0 until Telegram has said which that is. */
    private volatile long offset;
    private int failures;

    /**
     * @param client  a client whose read timeout outlasts {@code pollSeconds}
     * @param handled true when the update is done with (answered, or nothing to answer); false leaves it, and
     *                those after it, for a later poll
     * @param safe    an exception's message without secrets
     */
    UpdatePoller(TelegramClient client, Predicate<Update> handled, Function<Throwable, String> safe, ScheduledExecutorService thread,
                 int pollSeconds) {
        this.client = client;
        this.handled = handled;
        this.safe = safe;
        this.thread = thread;
        this.pollSeconds = pollSeconds;
    }

    void start() {
        submit(0);
    }

    private void submit(long delayMillis) {
        if (closed) {
            return;
        }
        try {
            thread.schedule(this::pollOnce, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closed meanwhile
        }
    }

    private void pollOnce() {
        if (closed) {
            return;
        }
        List<Update> updates;
        try {
            updates = client.execute(request(pollSeconds, 100));
        } catch (TelegramApiException | RuntimeException e) {
            if (!closed) {
                long wait = WAITS.after(++failures).toMillis();
                LOG.warn("telegram polling failed retryInMillis={} error={}", wait, safe.apply(e));
                submit(wait);
            }
            return;
        }
        failures = 0;
        for (Update u : updates) {
            if (closed) {
                return;
            }
            if (u.getUpdateId() == null || u.getUpdateId() < offset) {
                continue;
            }
            if (!handled.test(u)) {
                if (!closed) {
                    long wait = WAITS.after(++failures).toMillis();
                    LOG.warn("telegram update left for later update={} retryInMillis={}", u.getUpdateId(), wait);
                    submit(wait);
                }
                return;
            }
            offset = u.getUpdateId() + 1L;
        }
        submit(0);
    }

    private GetUpdates request(int timeoutSeconds, int limit) {
        return GetUpdates.builder().offset((int) offset).limit(limit).timeout(timeoutSeconds)
                .allowedUpdates(List.of("message", "callback_query")).build();
    }

    /** Stops polling; an update being handled now is neither answered nor confirmed by this poller. */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * Tells Telegram, after {@link #close()} and once the long poll is cancelled, what was handled since the
     * last poll, so that a stop leaves nothing to be answered twice.
     */
    void confirm(TelegramClient with) {
        if (offset > 0) {
            try {
                with.execute(request(0, 1));
            } catch (TelegramApiException | RuntimeException e) {
                LOG.debug("telegram offset not confirmed on the way out: {}", safe.apply(e));
            }
        }
    }

    boolean closed() {
        return closed;
    }
}
