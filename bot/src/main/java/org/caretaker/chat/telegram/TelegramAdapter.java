package org.caretaker.chat.telegram;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import org.caretaker.chat.ChatUser;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.CommandSpec;
import org.caretaker.chat.FileFit;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.config.ChatConfig;
import org.caretaker.outbox.ChatSink;
import org.caretaker.outbox.DeliveryException;
import org.caretaker.outbox.Outbox;
import org.caretaker.report.Report;
import org.caretaker.retry.Backoff;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
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
 * <p>As a {@link ChatSink} it delivers outbox messages to {@code telegram:<chat id>}, one part (a text
 * message or a document) per request, at most one request a second per chat and about thirty a second in
 * all, which is what Telegram's flood control allows. A 429 throws {@link DeliveryException} with the wait
 * the Bot API asked for; a 400, 403 or 404 is a permanent refusal (the outbox gives the message up).
 *
 * <p>Answers to commands go through the same outbox when one is given: an answer is never dropped because
 * of flood control, and the thread that reads updates never waits for Telegram.
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
    /** Telegram's advice: no more than one message a second to a chat; a little more leaves room for jitter. */
    static final Duration CHAT_SPACING = Duration.ofMillis(1100);
    /** And no more than thirty a second over all chats. */
    private static final long GLOBAL_SPACING_NANOS = Duration.ofMillis(35).toNanos();
    /** Telegram's limits on an inline keyboard. */
    static final int MAX_BUTTONS = 100;
    static final int CAPTION_LIMIT = 1024;

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
    private UpdatePoller poller;
    private boolean started;
    private boolean closed;
    private volatile String username = "";
    private final Optional<Outbox> answers;
    private final Object pace = new Object();
    private long lastRequest;

    public TelegramAdapter(ChatConfig.Telegram config, CommandRouter router, CommandRegistry registry) {
        this(config, router, registry, new TelegramRenderer());
    }

    /** With a renderer of your own: {@code new TelegramRenderer(siteUrl)} links runbook anchors into the site. */
    public TelegramAdapter(ChatConfig.Telegram config, CommandRouter router, CommandRegistry registry, TelegramRenderer renderer) {
        this(config, router, registry, renderer, Optional.empty());
    }

    /** @param answers where answers to commands are queued for delivery; without it they are sent at once */
    public TelegramAdapter(ChatConfig.Telegram config, CommandRouter router, CommandRegistry registry, TelegramRenderer renderer,
                           Optional<Outbox> answers) {
        this.answers = answers;
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
            // Long polling gets nothing while a webhook is set.
            client.execute(DeleteWebhook.builder().build());
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                poller = new UpdatePoller(new OkHttpTelegramClient(pollHttp, token, url), this::handle, this::safe, scheduler, POLL_SECONDS);
                poller.start();
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

    /** Telegram command names allow no hyphen: {@code ack-all} is listed as {@code ack_all} and read back. */
    static List<BotCommand> menu(List<CommandSpec> specs) {
        List<BotCommand> out = new ArrayList<>();
        for (CommandSpec s : specs) {
            String summary = s.summary().length() <= 256 ? s.summary() : s.summary().substring(0, 255) + "…";
            out.add(new BotCommand(s.name().replace('-', '_'), summary));
        }
        return out;
    }

    /** Sends a whole report to {@code telegram:<chat id>}, every part in turn. */
    @Override
    public void deliver(String channel, Report report) throws DeliveryException {
        int parts = parts(report);
        for (int k = 0; k < parts; k++) {
            deliver(channel, report, k);
        }
    }

    /** The text messages, then the documents. */
    @Override
    public int parts(Report report) {
        TelegramRenderer.Rendering r = renderer.render(report);
        return r.messages().size() + r.documents().size();
    }

    @Override
    public Duration spacing() {
        return CHAT_SPACING;
    }

    /** Sends one part of a report; the outbox calls it. */
    @Override
    public void deliver(String channel, Report report, int part) throws DeliveryException {
        long chat = chatId(channel).orElseThrow(() -> DeliveryException.permanent("not a Telegram chat: " + channel));
        try {
            send(chat, renderer.render(report), part);
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            Optional<Duration> retryAfter = Optional.ofNullable(e.getParameters()).map(p -> p.getRetryAfter())
                    .map(s -> Duration.ofSeconds(s));
            if (retryAfter.isEmpty() && code != null && (code == 400 || code == 403 || code == 404)) {
                throw DeliveryException.permanent("Telegram refused the message: " + description(e));
            }
            throw new DeliveryException("Telegram refused the message: " + safe(e), null, retryAfter);
        } catch (TelegramApiException | RuntimeException e) {
            throw new DeliveryException("Telegram did not take the message: " + safe(e), null, Optional.empty());
        }
    }

    /** Telegram's own words ("Forbidden: bot can't initiate conversation with a user"), without the token. */
    private String description(TelegramApiRequestException e) {
        String d = e.getApiResponse();
        return d == null || d.isBlank() ? safe(e) : e.getErrorCode() + " " + (token.isEmpty() ? d : d.replace(token, "******"));
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

    private void send(long chat, TelegramRenderer.Rendering r, int part) throws TelegramApiException {
        List<String> messages = r.messages();
        paced();
        if (part < messages.size()) {
            var m = SendMessage.builder().chatId(chat).text(messages.get(part)).parseMode(ParseMode.HTML);
            if (part == messages.size() - 1 && !r.buttons().isEmpty()) {
                m.replyMarkup(keyboard(r.buttons()));
            }
            client.execute(m.build());
            return;
        }
        Report.Attachment d = r.documents().get(part - messages.size());
        // The renderer leaves out empty files; what is left is fitted under the Bot API's 50 MB.
        FileFit.Fitted f = FileFit.fit(d, FileFit.TELEGRAM_LIMIT, "Telegram").orElseThrow();
        String caption = f.note().orElse(d.fileName());
        client.execute(SendDocument.builder().chatId(chat).document(new InputFile(new ByteArrayInputStream(f.bytes()), f.name()))
                .caption(caption.length() <= CAPTION_LIMIT ? caption : caption.substring(0, CAPTION_LIMIT - 1) + "…").build());
    }

    /** About thirty requests a second over all chats: a short wait, never more than a few tens of milliseconds. */
    private void paced() {
        synchronized (pace) {
            long wait = lastRequest + GLOBAL_SPACING_NANOS - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            lastRequest = System.nanoTime();
        }
    }

    private static InlineKeyboardMarkup keyboard(List<Report.Action> actions) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (Report.Action a : actions.subList(0, Math.min(actions.size(), MAX_BUTTONS))) {
            String label = TelegramRenderer.oneLine(a.label());
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder().text(label.isEmpty() ? a.command() : label)
                    .callbackData(a.command()).build()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /**
     * One update from polling; nothing in it may stop the polling.
     *
     * @return true when it is done with (answered, or nothing to answer); false when its command could not be
     *         audited, or this adapter was closed meanwhile: the update is then left to be taken again, here or
     *         by the next leader, and Telegram is not told it was seen
     */
    boolean handle(Update update) {
        try {
            if (update.hasCallbackQuery()) {
                return pressed(update.getCallbackQuery());
            } else if (update.hasMessage() && update.getMessage().hasText()) {
                Message m = update.getMessage();
                return command(m.getFrom(), m.getChatId(), m.getText());
            }
        } catch (RuntimeException e) {
            LOG.error("telegram update failed update={}", update.getUpdateId(), e);
        }
        return true;
    }

    private boolean command(User from, Long chat, String text) {
        if (from == null || chat == null) {
            return true;
        }
        Optional<Parsed> parsed = parse(text, username);
        if (parsed.isEmpty()) {
            return true;
        }
        return answer(from, chat, parsed.get()).confirmed();
    }

    private boolean pressed(CallbackQuery q) {
        try {
            client.execute(AnswerCallbackQuery.builder().callbackQueryId(q.getId()).build());
        } catch (TelegramApiException e) {
            LOG.warn("telegram callback not answered error={}", safe(e));
        }
        if (q.getMessage() == null || q.getData() == null || q.getFrom() == null) {
            return true;
        }
        Long chat = q.getMessage().getChatId();
        Optional<Parsed> parsed = parse(q.getData(), "");
        if (parsed.isEmpty()) {
            return true;
        }
        Answered a = answer(q.getFrom(), chat, parsed.get());
        // Only a press the router accepted edits the message: anyone in the group can press the button.
        if (a.report() != null && !CommandRouter.isRefusal(a.report())
                && q.getMessage() instanceof Message original && original.getText() != null) {
            // The buttons go once pressed: a second press would only be refused, and the chat shows who pressed.
            // The text is sent back with its own entities, so bold and code stay; it is cut to leave room for the note.
            String note = "\n\n→ " + displayName(q.getFrom()) + " pressed " + TelegramRenderer.oneLine(q.getData());
            Marked marked = marked(original.getText(), original.getEntities(), note);
            try {
                client.execute(EditMessageText.builder().chatId(chat).messageId(original.getMessageId())
                        .text(marked.text()).entities(marked.entities()).build());
            } catch (TelegramApiException e) {
                LOG.warn("telegram message not updated chat={} error={}", chat, safe(e));
            }
        }
        return a.confirmed();
    }

    /**
     * Whether Telegram may forget the update (it was answered, queued, or needs no answer here), and the answer
     * when this chat gets one.
     */
    private record Answered(boolean confirmed, Report report) {
    }

    private Answered answer(User from, long chat, Parsed p) {
        ChatUser user = new ChatUser(PLATFORM, String.valueOf(from.getId()), displayName(from));
        boolean listed = config.chats().contains(chat);
        Report report;
        try {
            report = router.handleAudited(new CommandRequest(user, Set.of(), (listed ? PLATFORM : UNLISTED) + ":" + chat, p.name(), p.args()));
        } catch (StoreException e) {
            // Nothing ran: the command waits at Telegram until the audit log can be written, here or on the next leader.
            LOG.warn("telegram command left for later, audit log unavailable chat={} user={} command={} error={}", chat, user.qualifiedId(),
                    TelegramRenderer.oneLine(p.name()), e.getMessage());
            return new Answered(false, null);
        }
        if (isClosed()) {
            // This instance stopped leading while the command ran; the next leader answers it.
            LOG.warn("telegram answer withheld, no longer polling chat={} user={}", chat, user.qualifiedId());
            return new Answered(false, null);
        }
        if (!listed) {
            LOG.info("telegram command ignored, chat not allowed chat={} user={}", chat, user.qualifiedId());
            return new Answered(true, null);
        }
        if (answers.isPresent()) {
            try {
                answers.get().enqueue(PLATFORM + ":" + chat, report);
                return new Answered(true, report);
            } catch (StoreException e) {
                LOG.warn("telegram answer not queued, sending at once chat={} user={} error={}", chat, user.qualifiedId(), e.getMessage());
            }
        }
        try {
            deliver(PLATFORM + ":" + chat, report);
        } catch (DeliveryException e) {
            LOG.warn("telegram answer not sent chat={} user={} error={}", chat, user.qualifiedId(), e.getMessage());
        }
        return new Answered(true, report);
    }

    private boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    /** A message's text and entities with {@code note} appended, the text cut so that the whole stays within 4096. */
    record Marked(String text, List<MessageEntity> entities) {
    }

    static Marked marked(String text, List<MessageEntity> entities, String note) {
        int room = TelegramRenderer.MESSAGE_LIMIT - note.length();
        String kept = text;
        if (kept.length() > room) {
            int cut = room - 1;
            if (cut > 0 && Character.isHighSurrogate(kept.charAt(cut - 1))) {
                cut--;
            }
            kept = kept.substring(0, Math.max(0, cut)) + "…";
        }
        int end = kept.length();
        List<MessageEntity> out = new ArrayList<>();
        for (MessageEntity e : entities == null ? List.<MessageEntity>of() : entities) {
            if (e.getOffset() == null || e.getLength() == null || e.getOffset() >= end) {
                continue;
            }
            MessageEntity copy = MessageEntity.builder().type(e.getType()).offset(e.getOffset())
                    .length(Math.min(e.getLength(), end - e.getOffset())).url(e.getUrl()).language(e.getLanguage()).build();
            out.add(copy);
        }
        return new Marked(kept + note, out);
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

    /**
     * Stops polling and the threads; messages not delivered stay in the outbox. What was handled is confirmed to
     * Telegram on the way out; an update being handled now is not answered here.
     */
    @Override
    public void close() {
        UpdatePoller p;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            p = poller;
        }
        if (p != null) {
            p.close();
        }
        scheduler.shutdownNow();
        pollHttp.dispatcher().cancelAll();
        if (p != null) {
            p.confirm(client);
        }
        sendHttp.dispatcher().executorService().shutdown();
        sendHttp.connectionPool().evictAll();
        LOG.info("telegram polling stopped");
    }
}
