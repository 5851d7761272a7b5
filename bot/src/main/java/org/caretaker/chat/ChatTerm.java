package org.caretaker.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.caretaker.chat.console.ConsoleAdapter;
import org.caretaker.chat.discord.Completions;
import org.caretaker.chat.discord.DiscordAdapter;
import org.caretaker.chat.telegram.TelegramAdapter;
import org.caretaker.chat.telegram.TelegramRenderer;
import org.caretaker.cluster.LeaderWork;
import org.caretaker.config.ChatConfig;
import org.caretaker.outbox.ChatSink;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.OutboxSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader term: fresh Telegram and Discord adapters for the configured platforms, the outbox sender
 * over them and the console, and the leader's periodic chores (reminders, retention).
 */
public final class ChatTerm implements LeaderWork.Term {
    private static final Logger LOG = LoggerFactory.getLogger(ChatTerm.class);

    /** A periodic piece of the leader's work; the first run comes after {@code delay}. */
    public record Chore(Runnable task, Duration delay, Duration period) {
    }

    /** How long a leader that steps down keeps delivering; paced chats need a second per message. */
    static final Duration DRAIN_BUDGET = Duration.ofSeconds(10);

    private final TelegramAdapter telegram;
    private final DiscordAdapter discord;
    private final OutboxSender sender;
    private final List<ChatSink> sinks;
    private final List<Chore> chores;
    private final ScheduledExecutorService housekeeping;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    /**
     * @param console      the console adapter, when there is one: always a sink of the leader
     * @param housekeeping the thread the chores run on; it outlives the term
     */
    public ChatTerm(ChatConfig chat, Optional<ChatSink> console, CommandRouter router, CommandRegistry registry, Completions completions,
                    Outbox outbox, Clock clock, List<Chore> chores, ScheduledExecutorService housekeeping) {
        List<ChatSink> all = new ArrayList<>();
        console.ifPresent(all::add);
        // Answers to Telegram commands queue in the outbox like reports: flood control then delays them, never drops them.
        this.telegram = chat.telegram().map(t -> new TelegramAdapter(t, router, registry, new TelegramRenderer(), Optional.of(outbox))).orElse(null);
        if (telegram != null) {
            all.add(telegram);
        }
        this.discord = chat.discord().map(d -> new DiscordAdapter(d, router, registry, completions)).orElse(null);
        if (discord != null) {
            all.add(discord);
        }
        this.sinks = List.copyOf(all);
        this.sender = new OutboxSender(outbox, sinks, clock, console.map(c -> ConsoleAdapter.CHANNEL));
        this.chores = List.copyOf(chores);
        this.housekeeping = housekeeping;
    }

    @Override
    public void start() {
        sender.start();
        if (telegram != null) {
            telegram.start();
        }
        if (discord != null) {
            discord.start();
        }
        for (Chore c : chores) {
            scheduled.add(housekeeping.scheduleAtFixedRate(c.task(), c.delay().toMillis(), c.period().toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public void stop(boolean drain) {
        scheduled.forEach(c -> c.cancel(false));
        // The sender's thread stops first: a last pass beside it could send the message it is sending.
        sender.close();
        if (drain) {
            try {
                sender.drainFor(DRAIN_BUDGET);
            } catch (RuntimeException e) {
                LOG.debug("last outbox pass failed: {}", e.toString());
            }
        }
        if (telegram != null) {
            telegram.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Override
    public List<ChatSink> sinks() {
        return sinks;
    }
}
