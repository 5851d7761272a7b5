package org.caretaker.chat.telegram;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.caretaker.chat.ChatUser;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.CommandSpec;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.config.ChatConfig;
import org.caretaker.outbox.ChatSink;
import org.caretaker.outbox.DeliveryException;
import org.caretaker.report.Report;
import org.caretaker.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.longpolling.util.DefaultLongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Caretaker on Telegram, through the Bot API with long polling (no public address needed, which suits a
 * homelab). It only translates: a {@code /command args} message or an inline-keyboard press becomes a
 * {@link CommandRequest} for the {@link CommandRouter}, and the router's {@link Report} goes back through
 * {@link TelegramRenderer}. Who may do what is the router's and the access policy's business; users are
 * {@code telegram:<user id>}, channels {@code telegram:<chat id>}.
 *
 * <p>The one decision taken here is the chat allow-list ({@code chat.telegram.chats}): a command from
 * another chat is not answered. It is still handed to the router, under the channel
 * {@code telegram-unlisted:<chat id>}, which no access list names: the policy denies it and the audit log
 * keeps who tried what from where, without a second place that writes audit entries.
 *
 * <p>As a {@link ChatSink} it delivers outbox messages to {@code telegram:<chat id>}; a failure throws
 * {@link DeliveryException}, with the wait the Bot API asked for when it answered 429.
 *
 * <p>As a {@link ProgressBoard} it sends one plain-text message and edits it ({@code editMessageText}) as a
 * long job goes on; failures are logged and dropped.
 *
 * <p>If Telegram cannot be reached at {@link #start()}, the bot still starts: polling is retried in the
 * background, and the outbox keeps what could not be delivered.
 */
public final class TelegramAdapter implements ChatSink, ProgressBoard, AutoCloseable {
    /** Connecting again after a failure: 5 s doubling to five minutes, for as long as it takes. */
    private static final Backoff CONNECT_RETRY = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));
    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);
    static final String PLATFORM = "telegram";
    /** The channel under which commands from chats off the allow-list reach the router (and are denied). */
    static final String UNLISTED = "telegram-unlisted";
    private static final int POLL_SECONDS = 50;
    private static final Duration MAX_INTERACTIVE_WAIT = Duration.ofSeconds(30);

    private final ChatConfig.Telegram config;
    private final CommandRouter router;
    private final CommandRegistry registry;
    private final TelegramRenderer renderer;
    private final String token;
    private final TelegramUrl url;
    private final OkHttpClient sendHttp;
    private final OkHttpClient pollHttp;
    private final TelegramClient client;
    private final ScheduledExecutorService scheduler;
    private final Object lifecycle = new Object();
    private TelegramBotsLongPollingApplication app;
    private boolean started;
    private boolean closed;
    private volatile String username = "";

    public TelegramAdapter(ChatConfig.Telegram config, CommandRouter router, CommandRegistry registry) {
        this(config, router, registry, new TelegramRenderer());
    }

    /** With a renderer of your own: {@code new TelegramRenderer(siteUrl)} links runbook anchors into the site. */
    public TelegramAdapter(ChatConfig.Telegram config, CommandRouter router, CommandRegistry registry, TelegramRenderer renderer) {
        this.config = config;
        this.router = router;
        this.registry = registry;
        this.renderer = renderer;
        this.token = config.token().reveal();
        this.url = url(config.apiUrl());
        this.sendHttp = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
        this.pollHttp = sendHttp.newBuilder()
                .readTimeout(Duration.ofSeconds(POLL_SECONDS + 25))
                .callTimeout(Duration.ofSeconds(POLL_SECONDS + 30))
                .build();
        this.client = new OkHttpTelegramClient(sendHttp, token, url);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telegram-polling");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    /**
     * Learns the bot's name (for {@code /status@name} in groups), registers the command menu and starts
     * long polling. Never throws for a Telegram that is down: what failed is retried in the background.
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                return;
            }
            started = true;
            app = new TelegramBotsLongPollingApplication(com.fasterxml.jackson.databind.ObjectMapper::new, () -> pollHttp, () -> scheduler,
                    PollingBackOff::new);
        }
        scheduler.execute(() -> connect(1));
    }

    private void connect(int attempt) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
        }
        try {
            User me = client.execute(GetMe.builder().build());
            username = me.getUserName() == null ? "" : me.getUserName();
            try {
                client.execute(SetMyCommands.builder().commands(menu(registry.specs())).build());
            } catch (TelegramApiRequestException e) {
                // Telegram is there but refused the menu: commands still work when typed.
                LOG.warn("telegram command menu not registered error={}", safe(e));
            }
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                try {
                    app.unregisterBot(token);
                } catch (TelegramApiException notRegistered) {
                    // the first attempt: nothing to undo
                }
                app.registerBot(token, () -> url, this::getUpdates, new Consumer());
            }
            LOG.info("telegram polling started bot={} chats={} attempt={}", username, config.chats().size(), attempt);
        } catch (TelegramApiException | RuntimeException e) {
            long seconds = CONNECT_RETRY.after(attempt).toSeconds();
            LOG.warn("telegram not reachable, retrying attempt={} retryInSeconds={} error={}", attempt, seconds, safe(e));
            try {
                scheduler.schedule(() -> connect(attempt + 1), seconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed meanwhile
            }
        }
    }

    private GetUpdates getUpdates(Integer lastReceived) {
        return GetUpdates.builder().offset(lastReceived + 1).limit(100).timeout(POLL_SECONDS)
                .allowedUpdates(List.of("message", "callback_query")).build();
    }

    /** Telegram command names allow no hyphen: {@code ack-all} is listed as {@code ack_all} and read back. */
    static List<BotCommand> menu(List<CommandSpec> specs) {
        List<BotCommand> out = new ArrayList<>();
        for (CommandSpec s : specs) {
            String summary = s.summary().length() <= 256 ? s.summary() : s.summary().substring(0, 255) + "…";
            out.add(new BotCommand(s.name().replace('-', '_'), summary));
        }
        return out;
    }

    /** Sends a report to {@code telegram:<chat id>}; the outbox calls it. */
    @Override
    public void deliver(String channel, Report report) throws DeliveryException {
        long chat = chatId(channel).orElseThrow(() -> new DeliveryException("not a Telegram chat: " + channel));
        try {
            send(chat, report);
        } catch (TelegramApiRequestException e) {
            Optional<Duration> retryAfter = Optional.ofNullable(e.getParameters()).map(p -> p.getRetryAfter())
                    .map(s -> Duration.ofSeconds(s));
            throw new DeliveryException("Telegram refused the message: " + safe(e), null, retryAfter);
        } catch (TelegramApiException | RuntimeException e) {
            throw new DeliveryException("Telegram did not take the message: " + safe(e), null, Optional.empty());
        }
    }

    @Override
    public Handle open(String channel, String text) {
        Optional<Long> chat = chatId(channel);
        if (chat.isEmpty()) {
            LOG.warn("telegram progress not posted, not a Telegram chat channel={}", channel);
            return new Handle(channel, Optional.empty());
        }
        try {
            Message m = client.execute(SendMessage.builder().chatId(chat.get()).text(text).build());
            return new Handle(channel, Optional.ofNullable(m).map(Message::getMessageId).map(String::valueOf));
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("telegram progress not posted chat={} error={}", chat.get(), safe(e));
            return new Handle(channel, Optional.empty());
        }
    }

    @Override
    public void update(Handle handle, String text) {
        Optional<Long> chat = chatId(handle.channel());
        if (chat.isEmpty() || handle.messageId().isEmpty()) {
            return;
        }
        try {
            client.execute(EditMessageText.builder().chatId(chat.get()).messageId(Integer.parseInt(handle.messageId().get()))
                    .text(text).build());
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("telegram progress not updated chat={} error={}", chat.get(), safe(e));
        }
    }

    static Optional<Long> chatId(String channel) {
        if (channel == null || !channel.startsWith(PLATFORM + ":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(channel.substring(PLATFORM.length() + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void send(long chat, Report report) throws TelegramApiException {
        TelegramRenderer.Rendering r = renderer.render(report);
        List<String> messages = r.messages();
        for (int k = 0; k < messages.size(); k++) {
            var m = SendMessage.builder().chatId(chat).text(messages.get(k)).parseMode(ParseMode.HTML);
            if (k == messages.size() - 1 && !r.buttons().isEmpty()) {
                m.replyMarkup(keyboard(r.buttons()));
            }
            client.execute(m.build());
        }
        for (Report.Attachment d : r.documents()) {
            byte[] bytes = d.content().getBytes(StandardCharsets.UTF_8);
            client.execute(SendDocument.builder().chatId(chat).document(new InputFile(new ByteArrayInputStream(bytes), d.fileName()))
                    .caption(d.fileName()).build());
        }
    }

    private static InlineKeyboardMarkup keyboard(List<Report.Action> actions) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (Report.Action a : actions) {
            String label = TelegramRenderer.oneLine(a.label());
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder().text(label.isEmpty() ? a.command() : label)
                    .callbackData(a.command()).build()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /** One update from polling; nothing in it may stop the polling. */
    void handle(Update update) {
        try {
            if (update.hasCallbackQuery()) {
                pressed(update.getCallbackQuery());
            } else if (update.hasMessage() && update.getMessage().hasText()) {
                Message m = update.getMessage();
                command(m.getFrom(), m.getChatId(), m.getText());
            }
        } catch (RuntimeException e) {
            LOG.error("telegram update failed update={}", update.getUpdateId(), e);
        }
    }

    private void command(User from, Long chat, String text) {
        if (from == null || chat == null) {
            return;
        }
        Optional<Parsed> parsed = parse(text, username);
        if (parsed.isEmpty()) {
            return;
        }
        answer(from, chat, parsed.get());
    }

    private void pressed(CallbackQuery q) {
        try {
            client.execute(AnswerCallbackQuery.builder().callbackQueryId(q.getId()).build());
        } catch (TelegramApiException e) {
            LOG.warn("telegram callback not answered error={}", safe(e));
        }
        if (q.getMessage() == null || q.getData() == null || q.getFrom() == null) {
            return;
        }
        Long chat = q.getMessage().getChatId();
        Optional<Parsed> parsed = parse(q.getData(), "");
        if (parsed.isEmpty()) {
            return;
        }
        Report answered = answer(q.getFrom(), chat, parsed.get());
        // Only a press the router accepted edits the message: anyone in the group can press the button.
        if (answered != null && !CommandRouter.isRefusal(answered)
                && q.getMessage() instanceof Message original && original.getText() != null) {
            // The buttons go once pressed: a second press would only be refused, and the chat shows who pressed.
            String note = "\n\n→ " + displayName(q.getFrom()) + " pressed " + q.getData();
            try {
                client.execute(EditMessageText.builder().chatId(chat).messageId(original.getMessageId())
                        .text(TelegramRenderer.escape(original.getText() + note)).parseMode(ParseMode.HTML).build());
            } catch (TelegramApiException e) {
                LOG.warn("telegram message not updated chat={} error={}", chat, safe(e));
            }
        }
    }

    /** Routes the command and sends the answer; returns it, or null when the chat is not allowed. */
    private Report answer(User from, long chat, Parsed p) {
        ChatUser user = new ChatUser(PLATFORM, String.valueOf(from.getId()), displayName(from));
        if (!config.chats().contains(chat)) {
            router.handle(new CommandRequest(user, Set.of(), UNLISTED + ":" + chat, p.name(), p.args()));
            LOG.info("telegram command ignored, chat not allowed chat={} user={}", chat, user.qualifiedId());
            return null;
        }
        Report report = router.handle(new CommandRequest(user, Set.of(), PLATFORM + ":" + chat, p.name(), p.args()));
        try {
            reply(chat, report);
        } catch (TelegramApiException e) {
            LOG.warn("telegram answer not sent chat={} user={} error={}", chat, user.qualifiedId(), safe(e));
        }
        return report;
    }

    private void reply(long chat, Report report) throws TelegramApiException {
        try {
            send(chat, report);
        } catch (TelegramApiRequestException e) {
            Integer wait = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            if (wait == null || Duration.ofSeconds(wait).compareTo(MAX_INTERACTIVE_WAIT) > 0) {
                throw e;
            }
            // Someone is waiting for this answer: one retry after the wait Telegram asked for.
            try {
                Thread.sleep(Duration.ofSeconds(wait).toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw e;
            }
            send(chat, report);
        }
    }

    private static String displayName(User u) {
        if (u.getUserName() != null && !u.getUserName().isBlank()) {
            return "@" + u.getUserName();
        }
        return u.getFirstName() == null ? String.valueOf(u.getId()) : u.getFirstName();
    }

    /** A command as typed: its name (hyphens restored) and its arguments split on whitespace. */
    record Parsed(String name, List<String> args) {
        Parsed {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code /status}, {@code /status@caretaker_bot args}; empty for plain text and for commands addressed
     * to another bot in a group.
     */
    static Optional<Parsed> parse(String text, String botName) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (!t.startsWith("/") || t.length() < 2) {
            return Optional.empty();
        }
        String[] words = t.split("\\s+");
        String head = words[0].substring(1);
        int at = head.indexOf('@');
        if (at >= 0) {
            String target = head.substring(at + 1);
            if (!botName.isEmpty() && !target.equalsIgnoreCase(botName)) {
                return Optional.empty();
            }
            head = head.substring(0, at);
        }
        return Optional.of(new Parsed(head.replace('_', '-'), Arrays.asList(words).subList(1, words.length)));
    }

    /** An exception's message without the bot token, which OkHttp may quote in a URL. */
    private String safe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return token.isEmpty() ? m : m.replace(token, "******");
    }

    static TelegramUrl url(URI api) {
        if (api.getPath() != null && !api.getPath().isEmpty() && !api.getPath().equals("/")) {
            // telegrambots builds /bot<token>/<method> from scheme, host and port only.
            LOG.warn("telegram api-url path ignored path={}", api.getPath());
        }
        String scheme = api.getScheme();
        int port = api.getPort() > 0 ? api.getPort() : "https".equals(scheme) ? 443 : 80;
        return new TelegramUrl(scheme, api.getHost(), port, false);
    }

    /** Stops polling and the threads; messages not delivered stay in the outbox. */
    @Override
    public void close() {
        TelegramBotsLongPollingApplication a;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            a = app;
        }
        if (a != null) {
            try {
                a.close();
            } catch (Exception e) {
                LOG.warn("telegram polling did not stop cleanly error={}", safe(e));
            }
        }
        scheduler.shutdownNow();
        pollHttp.dispatcher().cancelAll();
        sendHttp.dispatcher().executorService().shutdown();
        sendHttp.connectionPool().evictAll();
        LOG.info("telegram polling stopped");
    }

    private final class Consumer extends DefaultLongPollingUpdateConsumer {
        @Override
        public void consume(Update update) {
            handle(update);
        }
    }

    /** 1 s doubling to a minute, and never giving up: the library's default stops retrying after 15 minutes. */
    static final class PollingBackOff implements BackOff {
        private static final Backoff WAITS = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        private int failures;

        @Override
        public void reset() {
            failures = 0;
        }

        @Override
        public long nextBackOffMillis() {
            return WAITS.after(++failures).toMillis();
        }
    }
}
