package org.caretaker.chat.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.DetachedEntityException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.ChatUser;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.config.ChatConfig;
import org.caretaker.outbox.ChatSink;
import org.caretaker.outbox.DeliveryException;
import org.caretaker.report.Report;
import org.caretaker.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord as a chat platform, through JDA: slash commands registered in the configured guild, buttons for a
 * report's actions, and the outbox's reports posted to {@code discord:<channel id>}. It only translates — an
 * interaction becomes a {@link CommandRequest} (user {@code discord:<user id>}, channel
 * {@code discord:<channel id>}, the member's roles as {@code discord-role:<role id>}), the router decides,
 * and the answer is drawn by {@link DiscordRenderer}.
 *
 * <p>Discord wants an answer to an interaction within three seconds. The router runs on a worker; when it
 * has not answered within {@code answerWithin} (two seconds) the interaction is deferred ("thinking…") and
 * the answer follows when it is ready, within the fifteen minutes Discord keeps the interaction open.
 *
 * <p>An interaction from a guild other than the configured one is ignored: it reaches the router with the
 * channel {@code discord-guild:<guild id>}, which no access list names, so the router denies it and audits
 * the denial, and no answer is sent.
 *
 * <p>As a {@link ProgressBoard} it posts one plain message and edits it as a long job goes on; failures are
 * logged and dropped.
 */
public final class DiscordAdapter implements ChatSink, ProgressBoard, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordAdapter.class);
    public static final String PLATFORM = "discord";
    static final String FOREIGN_GUILD = "discord-guild:";
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    static final Duration LOGIN_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_LOGIN_RETRY = Duration.ofMinutes(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** An answer keeps being retried through rate limits within the fifteen minutes Discord keeps an interaction. */
    static final int MAX_ANSWER_ATTEMPTS = 30;
    /** Nothing from a host ever pings anyone: every message and edit allows no mentions at all. */
    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private final ChatConfig.Discord config;
    private final CommandRouter router;
    private final CommandRegistry registry;
    private final Completions completions;
    private final DiscordRenderer renderer;
    private final Duration answerWithin;
    /** Logins that failed are tried again after waits from the configured first one, doubling to ten minutes. */
    private final Backoff loginRetry;
    private boolean started;
    private boolean closed;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, daemon("discord-worker"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("discord-defer"));
    private final CompletableFuture<Void> commandsRegistered = new CompletableFuture<>();
    /** Where answers are sent: each channel's answers one after the other, channels side by side. */
    private final ExecutorService answers = Executors.newCachedThreadPool(daemon("discord-answer"));
    /** The last answer under way per channel; the next one of that channel waits for it. */
    private final Map<String, CompletableFuture<Void>> lanes = new HashMap<>();
    private volatile JDA jda;

    public DiscordAdapter(ChatConfig.Discord config, CommandRouter router, CommandRegistry registry, Completions completions) {
        this(config, router, registry, completions, new DiscordRenderer());
    }

    /** @param renderer a renderer that knows the public address of the runbook site, for runbook links */
    public DiscordAdapter(ChatConfig.Discord config, CommandRouter router, CommandRegistry registry, Completions completions,
            DiscordRenderer renderer) {
        this(config, router, registry, completions, renderer, ANSWER_WITHIN, LOGIN_RETRY);
    }

    DiscordAdapter(ChatConfig.Discord config, CommandRouter router, CommandRegistry registry, Completions completions,
            DiscordRenderer renderer, Duration answerWithin, Duration loginRetry) {
        this.config = config;
        this.router = router;
        this.registry = registry;
        this.completions = completions;
        this.renderer = renderer;
        this.answerWithin = answerWithin;
        this.loginRetry = new Backoff(loginRetry, MAX_LOGIN_RETRY);
    }

    /**
     * Logs in (checking the token over REST) and connects to the gateway in the background; the slash
     * commands are registered once the guild is ready. When Discord cannot be reached, the login is tried
     * again in the background — 30 seconds later, doubling up to 10 minutes — so that an outage at boot does
     * not stop the rest of the bot; the outbox keeps the reports meanwhile. A second call does nothing.
     *
     * @throws InvalidTokenException when Discord refuses the token: that is a configuration error
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        login(1);
    }

    private synchronized void login(int attempt) {
        if (closed) {
            return;
        }
        String gateway = config.gatewayUrl().toString();
        try {
            jda = JDABuilder.createLight(config.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
                    .setRestConfig(new RestConfig().setBaseUrl(config.restUrl().toString()))
                    .setSessionController(new SessionControllerAdapter() {
                        @Override
                        public String getGateway() {
                            return gateway;
                        }
                    })
                    .setEnableShutdownHook(false)
                    .addEventListeners(new Listener())
                    .build();
            LOG.info("discord login guild={} restUrl={} gatewayUrl={}", config.guild(), config.restUrl(), gateway);
        } catch (InvalidTokenException e) {
            LOG.error("discord refused the bot token guild={}", config.guild());
            throw e;
        } catch (RuntimeException e) {
            Duration wait = loginRetry.after(attempt);
            LOG.warn("discord login failed restUrl={} retryInSeconds={} error={}", config.restUrl(), wait.toSeconds(), e.toString());
            timer.schedule(() -> login(attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Completes when the slash commands are registered in the guild; tests and health checks wait on it. */
    public CompletableFuture<Void> ready() {
        return commandsRegistered;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    /** Posts a whole report to {@code discord:<channel id>}, every part in turn. */
    @Override
    public void deliver(String channel, Report report) throws DeliveryException {
        int parts = parts(report);
        for (int k = 0; k < parts; k++) {
            deliver(channel, report, k);
        }
    }

    /** One Discord message per part: the embed, continued text, then files on their own. */
    @Override
    public int parts(Report report) {
        return renderer.render(report).size();
    }

    /**
     * Posts one part of a report to {@code discord:<channel id>}. JDA paces requests by Discord's rate-limit
     * buckets; when a bucket is exhausted the part fails with Discord's retry-after and the outbox tries it
     * again then, that channel only. A 4xx refusal (too large, missing access, unknown channel) is permanent.
     * Every call is bounded by a 30-second timeout.
     */
    @Override
    public void deliver(String channel, Report report, int part) throws DeliveryException {
        JDA client = jda;
        if (client == null) {
            throw new DeliveryException("discord is not connected");
        }
        if (client.getGuildById(config.guild()) == null) {
            throw new DeliveryException("discord is not connected yet: guild " + config.guild() + " is not loaded");
        }
        String id = channel.startsWith(PLATFORM + ":") ? channel.substring(PLATFORM.length() + 1) : channel;
        MessageChannel target = id.matches("\\d{1,20}") ? client.getChannelById(MessageChannel.class, id) : null;
        if (target == null) {
            throw new DeliveryException("discord channel " + id + " is not one the bot can see");
        }
        MessageCreateData message = renderer.render(report).get(part);
        try {
            target.sendMessage(message).timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete(false);
        } catch (RateLimitedException e) {
            throw new DeliveryException("discord rate limit on channel " + id, e, Optional.of(Duration.ofMillis(e.getRetryAfter())));
        } catch (ErrorResponseException e) {
            if (permanent(e)) {
                throw DeliveryException.permanent("discord refused the message for channel " + id + ": " + e.getErrorCode() + " "
                        + e.getMeaning());
            }
            throw new DeliveryException("discord refused or did not answer for channel " + id + ": " + e.getMessage(), e, Optional.empty());
        } catch (RuntimeException e) {
            throw new DeliveryException("discord refused or did not answer for channel " + id + ": " + e.getMessage(), e, Optional.empty());
        }
        LOG.info("discord delivered channel={} severity={} part={}", id, report.severity(), part);
    }

    /** A 4xx other than a rate limit: the same request would be refused again. */
    static boolean permanent(ErrorResponseException e) {
        int status = e.getResponse() == null ? -1 : e.getResponse().code;
        return status >= 400 && status < 500 && status != 429 && status != 408 && status != 401;
    }

    @Override
    public Handle open(String channel, String text) {
        Optional<MessageChannel> target = progressChannel(channel);
        if (target.isEmpty()) {
            return new Handle(channel, Optional.empty());
        }
        try {
            String id = target.get().sendMessage(new MessageCreateBuilder().setContent(text).setAllowedMentions(NO_MENTIONS).build()).timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete().getId();
            return new Handle(channel, Optional.of(id));
        } catch (RuntimeException e) {
            LOG.warn("discord progress not posted channel={} error={}", channel, e.getMessage());
            return new Handle(channel, Optional.empty());
        }
    }

    @Override
    public void update(Handle handle, String text) {
        if (handle.messageId().isEmpty()) {
            return;
        }
        Optional<MessageChannel> target = progressChannel(handle.channel());
        if (target.isEmpty()) {
            return;
        }
        try {
            target.get().editMessageById(handle.messageId().get(),
                    new MessageEditBuilder().setContent(text).setAllowedMentions(NO_MENTIONS).build()).timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).complete();
        } catch (RuntimeException e) {
            LOG.warn("discord progress not updated channel={} error={}", handle.channel(), e.getMessage());
        }
    }

    private Optional<MessageChannel> progressChannel(String channel) {
        JDA client = jda;
        String id = channel.startsWith(PLATFORM + ":") ? channel.substring(PLATFORM.length() + 1) : "";
        MessageChannel target = client != null && id.matches("\\d{1,20}") ? client.getChannelById(MessageChannel.class, id) : null;
        if (target == null) {
            LOG.warn("discord progress not posted, channel not available channel={}", channel);
        }
        return Optional.ofNullable(target);
    }

    /** Disconnects from Discord; answers under way are abandoned. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        workers.shutdownNow();
        answers.shutdownNow();
        timer.shutdownNow();
        JDA client = jda;
        if (client == null) {
            return;
        }
        client.shutdown();
        try {
            if (!client.awaitShutdown(5, TimeUnit.SECONDS)) {
                client.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.shutdownNow();
        }
        LOG.info("discord closed");
    }

    private final class Listener extends ListenerAdapter {
        @Override
        public void onGuildReady(GuildReadyEvent event) {
            Guild guild = event.getGuild();
            if (!guild.getId().equals(config.guild())) {
                return;
            }
            guild.updateCommands().addCommands(SlashCommands.of(registry.specs())).queue(
                    done -> {
                        LOG.info("discord commands registered guild={} count={}", guild.getId(), done.size());
                        commandsRegistered.complete(null);
                    },
                    e -> {
                        LOG.error("discord commands not registered guild={} error={}", guild.getId(), e.getMessage());
                        commandsRegistered.completeExceptionally(e);
                    });
        }

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            String name = event.getName();
            String usage = name.equals("confirm") ? SlashCommands.CONFIRM_USAGE
                    : registry.find(name).map(ChatCommand::spec).map(s -> s.usage()).orElse("/" + name);
            List<String> args = new ArrayList<>();
            for (SlashCommands.Option o : SlashCommands.options(usage)) {
                OptionMapping value = event.getOption(o.name());
                if (value != null) {
                    args.add(value.getAsString());
                }
            }
            answer(event, name, args);
        }

        @Override
        public void onButtonInteraction(ButtonInteractionEvent event) {
            String command = event.getComponentId().strip();
            List<String> words = Arrays.asList(command.split("\\s+"));
            String name = words.get(0).startsWith("/") ? words.get(0).substring(1) : words.get(0);
            answer(event, name, words.subList(1, words.size()));
        }

        @Override
        public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
            String option = event.getFocusedOption().getName();
            List<String> known = switch (option) {
                case "host" -> completions.hosts();
                case "check" -> completions.checks();
                case "job" -> completions.jobs();
                default -> List.of();
            };
            String typed = event.getFocusedOption().getValue().toLowerCase(Locale.ROOT);
            event.replyChoiceStrings(known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(typed)).limit(25)
                    .collect(Collectors.toList())).queue(null, e -> LOG.warn("discord autocomplete failed error={}", e.getMessage()));
        }
    }

    private void answer(IReplyCallback event, String name, List<String> args) {
        User user = event.getUser();
        Guild guild = event.getGuild();
        boolean foreign = guild != null && !guild.getId().equals(config.guild());
        String channel = foreign ? FOREIGN_GUILD + guild.getId() : PLATFORM + ":" + event.getChannelId();
        Set<String> roles = foreign ? Set.of() : roles(event.getMember());
        CommandRequest req = new CommandRequest(new ChatUser(PLATFORM, user.getId(), user.getName()), roles, channel, name, args);
        if (foreign) {
            LOG.warn("discord interaction from another guild ignored guild={} user={}", guild.getId(), user.getId());
            workers.execute(() -> router.handle(req));
            return;
        }
        AtomicBoolean acknowledged = new AtomicBoolean();
        timer.schedule(() -> {
            if (acknowledged.compareAndSet(false, true)) {
                event.deferReply().queue(null, e -> LOG.warn("discord defer failed command={} error={}", name, e.getMessage()));
            }
        }, answerWithin.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Report> routed = CompletableFuture.supplyAsync(() -> router.handle(req), workers);
        synchronized (lanes) {
            CompletableFuture<Void> previous = lanes.getOrDefault(channel, CompletableFuture.completedFuture(null));
            if (!previous.isDone() && acknowledged.compareAndSet(false, true)) {
                // Answers of a channel go in order; this one waits for the ones before it, so it says "thinking…" now.
                event.deferReply().queue(null, e -> LOG.warn("discord defer failed command={} error={}", name, e.getMessage()));
            }
            CompletableFuture<Void> next = previous.exceptionally(e -> null).thenCombineAsync(routed,
                    (ignored, report) -> {
                        send(event, acknowledged, renderer.render(report), name, user.getId());
                        return (Void) null;
                    }, answers);
            lanes.put(channel, next);
            next.whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("discord answer failed command={} user={} error={}", name, user.getId(), e.toString());
                }
                synchronized (lanes) {
                    lanes.remove(channel, next);
                }
            });
        }
    }

    /**
     * Sends an answer's parts in order, each once: a part refused with a rate limit is sent again after the wait
     * Discord asked for (on this channel's lane only); any other failure ends the answer, logged.
     */
    private void send(IReplyCallback event, AtomicBoolean acknowledged, List<MessageCreateData> messages, String name, String user) {
        for (MessageCreateData m : messages) {
            for (int attempt = 1; ; attempt++) {
                try {
                    if (acknowledged.compareAndSet(false, true)) {
                        event.reply(m).complete(false);
                    } else {
                        event.getHook().sendMessage(m).complete(false);
                    }
                    break;
                } catch (RateLimitedException e) {
                    if (attempt > MAX_ANSWER_ATTEMPTS) {
                        LOG.warn("discord answer given up after rate limits command={} user={}", name, user);
                        return;
                    }
                    LOG.info("discord answer rate limited command={} retryAfterMs={}", name, e.getRetryAfter());
                    try {
                        TimeUnit.MILLISECONDS.sleep(Math.max(1, e.getRetryAfter()));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("discord answer failed command={} user={} error={}", name, user, e.getMessage());
                    return;
                }
            }
        }
    }

    /** The member's roles; none in a DM, and none when JDA does not know the guild (it cannot tell them then). */
    private static Set<String> roles(Member member) {
        if (member == null) {
            return Set.of();
        }
        try {
            return member.getUnsortedRoles().stream().map(r -> "discord-role:" + r.getId()).collect(Collectors.toSet());
        } catch (DetachedEntityException e) {
            LOG.warn("discord member roles unknown, guild not loaded user={}", member.getId());
            return Set.of();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
