package org.caretaker.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A Telegram Bot API on 127.0.0.1 for the real telegrambots client: {@code /bot<token>/<method>}, method
 * names case-insensitive as in the real API, JSON, form and multipart bodies. It holds {@code getUpdates}
 * until an update is queued (or a short while passes), checks HTML texts as Telegram would (known tags,
 * properly nested, at most 4096 characters after parsing) and records every call. It can be taken down
 * (connection refused) or made to answer 502 or 429. It notes the {@code Host} each poll came with, so
 * bots that reach it under different names can be told apart.
 *
 * <p>It is as strict as the real API where the bot could go wrong: captions of at most 1024 characters, no
 * empty file, at most 100 buttons on a keyboard, 403 for a private chat whose user never wrote to the bot,
 * and, when {@link #limitPerChat} is set, flood control per chat: a chat that gets a second message within
 * the interval is answered 429 with {@code parameters.retry_after}, and stays closed until that wait is over.
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String TOKEN = "123456:TEST-token";
    static final long BOT_ID = 999;
    static final String BOT_NAME = "caretaker_bot";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOLD = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z-]+)([^>]*)>");
    private static final List<String> TAGS = List.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
            "blockquote", "tg-spoiler", "span");

    /** What the fake answers besides the normal replies. */
    enum Mode { UP, BAD_GATEWAY, RATE_LIMITED }

    /** One call the bot made: the lower-cased method and its parameters (JSON values as text). */
    public record Call(String method, Map<String, String> params, Map<String, String> files) {
    }

    private final int port;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-bot-api");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final List<Call> calls = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final Deque<ObjectNode> updates = new ArrayDeque<>();
    private final List<String> pollHosts = new ArrayList<>();
    private int nextUpdate = 1;
    private int nextMessage = 100;
    private int nextCallback = 1;
    private volatile Mode mode = Mode.UP;
    private HttpServer server;
    /** Private chats (positive ids) that wrote to the bot; the bot may not start a conversation with others. */
    private final java.util.Set<Long> wrote = new java.util.HashSet<>();
    private final Map<Long, Long> lastAccepted = new java.util.HashMap<>();
    private final Map<Long, Long> closedUntil = new java.util.HashMap<>();
    private final List<String> limited = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private volatile Duration interval = Duration.ZERO;
    private volatile int retryAfterSeconds;

    public FakeBotApi() throws IOException {
        server = bind(0);
        port = server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void mode(Mode m) {
        mode = m;
    }

    /**
     * Flood control: at most one message or document per {@code interval} in each chat; a request sooner is
     * answered 429 with {@code retry_after} seconds, and the chat refuses everything until those are over.
     */
    void limitPerChat(Duration interval, int retryAfterSeconds) {
        this.interval = interval;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Lets the bot write to a private chat whose user never wrote first (as after /start). */
    public void opened(long chatId) {
        synchronized (lock) {
            wrote.add(chatId);
        }
    }

    /** Every request answered 429, as {@code method chat_id}. */
    List<String> limited() {
        synchronized (lock) {
            return List.copyOf(limited);
        }
    }

    /** Every request refused as malformed (400), with Telegram's description. */
    List<String> malformed() {
        synchronized (lock) {
            return List.copyOf(malformed);
        }
    }

    /** Stops listening: the bot gets connection refused. */
    public void down() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void up() throws IOException {
        server = bind(port);
        mode = Mode.UP;
    }

    private HttpServer bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 50);
        s.setExecutor(pool);
        s.createContext("/", this::serve);
        s.start();
        return s;
    }

    // ---- the user's side ----

    /** A user types {@code text} in a chat; returns the update id. */
    public int userSends(long userId, long chatId, String text) {
        ObjectNode u = JSON.createObjectNode();
        ObjectNode m = message(chatId, text);
        m.set("from", user(userId));
        synchronized (lock) {
            wrote.add(chatId);
            wrote.add(userId);
        }
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            m.putArray("entities").addObject().put("type", "bot_command").put("offset", 0).put("length", end < 0 ? text.length() : end);
        }
        u.set("message", m);
        return queue(u);
    }

    /** A user presses an inline-keyboard button under a message the bot sent. */
    int userPresses(long userId, Call sent, String data) {
        ObjectNode u = JSON.createObjectNode();
        ObjectNode q = u.putObject("callback_query");
        synchronized (lock) {
            q.put("id", "cb" + nextCallback++);
        }
        q.set("from", user(userId));
        long chat = Long.parseLong(sent.params().get("chat_id"));
        ObjectNode m = message(chat, stripTags(sent.params().get("text")));
        m.put("message_id", Integer.parseInt(sent.params().get("message_id")));
        m.set("from", user(BOT_ID).put("is_bot", true));
        q.set("message", m);
        q.put("chat_instance", "ci" + chat);
        q.put("data", data);
        return queue(u);
    }

    private int queue(ObjectNode u) {
        synchronized (lock) {
            int id = nextUpdate++;
            u.put("update_id", id);
            updates.add(u);
            lock.notifyAll();
            return id;
        }
    }

    private ObjectNode message(long chatId, String text) {
        ObjectNode m = JSON.createObjectNode();
        synchronized (lock) {
            m.put("message_id", nextMessage++);
        }
        m.put("date", System.currentTimeMillis() / 1000);
        m.putObject("chat").put("id", chatId).put("type", chatId < 0 ? "group" : "private").put("title", "chat " + chatId);
        m.put("text", text);
        return m;
    }

    private static ObjectNode user(long id) {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("is_bot", false).put("first_name", "user" + id)
                .put("username", "user" + id);
    }

    // ---- what the bot did ----

    public List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(m)).toList();
        }
    }

    /** Waits until {@code count} calls of a method have been made, and returns them all. */
    List<Call> await(String method, int count) {
        return await(method, c -> true, count);
    }

    List<Call> await(String method, Predicate<Call> which, int count) {
        String m = method.toLowerCase(Locale.ROOT);
        WAITING.alias(count + " " + method + " calls").untilAsserted(() -> assertThat(found(m, which))
                .as("%s calls; all calls: %s", method, allCalls())
                .hasSizeGreaterThanOrEqualTo(count));
        return found(m, which);
    }

    private List<Call> allCalls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    private List<Call> found(String m, Predicate<Call> which) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(m) && which.test(c)).toList();
        }
    }

    /** Waits until a call of this method was answered 502. */
    void awaitRefused(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        WAITING.alias("a refused " + method).until(() -> {
            synchronized (lock) {
                return refused.contains(m);
            }
        });
    }

    /** Waits until the bot has polled past every queued update. */
    void awaitConsumed() {
        WAITING.alias("every queued update fetched").until(() -> {
            synchronized (lock) {
                return updates.isEmpty();
            }
        });
    }

    /** The {@code Host} header of every {@code getUpdates}, in order. */
    public List<String> pollHosts() {
        synchronized (lock) {
            return List.copyOf(pollHosts);
        }
    }

    // ---- the Bot API ----

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher p = PATH.matcher(ex.getRequestURI().getPath());
            if (!p.matches()) {
                reply(ex, 404, error(404, "Not Found"));
                return;
            }
            if (!p.group(1).equals(TOKEN)) {
                reply(ex, 401, error(401, "Unauthorized"));
                return;
            }
            String method = p.group(2).toLowerCase(Locale.ROOT);
            Map<String, String> files = new LinkedHashMap<>();
            Map<String, String> params = params(ex, files);
            Mode m = mode;
            if (m == Mode.BAD_GATEWAY) {
                synchronized (lock) {
                    refused.add(method);
                    lock.notifyAll();
                }
                reply(ex, 502, "<html><body>502 Bad Gateway</body></html>");
                return;
            }
            if (m == Mode.RATE_LIMITED && !method.equals("getupdates")) {
                ObjectNode e = error(429, "Too Many Requests: retry after 7");
                e.putObject("parameters").put("retry_after", 7);
                reply(ex, 429, e);
                return;
            }
            if (method.equals("getupdates")) {
                record(method, params, files);
                synchronized (lock) {
                    pollHosts.add(String.valueOf(ex.getRequestHeaders().getFirst("Host")));
                }
                reply(ex, 200, ok(getUpdates(params)));
                return;
            }
            JsonNode result = answer(method, params, files, ex);
            if (result != null) {
                reply(ex, 200, ok(result));
            }
        } catch (RuntimeException | InterruptedException e) {
            reply(ex, 500, error(500, "fake failed: " + e));
        }
    }

    private JsonNode answer(String method, Map<String, String> params, Map<String, String> files, HttpExchange ex) throws IOException {
        if (method.equals("sendmessage") || method.equals("senddocument") || method.equals("editmessagetext")) {
            String chat = params.get("chat_id");
            if (chat == null || !chat.matches("-?\\d+")) {
                return bad(ex, method, "Bad Request: chat not found");
            }
            long id = Long.parseLong(chat);
            synchronized (lock) {
                if (id > 0 && !wrote.contains(id)) {
                    reply(ex, 403, error(403, "Forbidden: bot can't initiate conversation with a user"));
                    return null;
                }
            }
            String problem = keyboardProblem(params.get("reply_markup"));
            if (problem != null) {
                return bad(ex, method, "Bad Request: " + problem);
            }
            if (!method.equals("editmessagetext")) {
                Integer wait = flood(id);
                if (wait != null) {
                    ObjectNode e = error(429, "Too Many Requests: retry after " + wait);
                    e.putObject("parameters").put("retry_after", wait);
                    synchronized (lock) {
                        limited.add(method + " " + id);
                    }
                    reply(ex, 429, e);
                    return null;
                }
            }
        }
        switch (method) {
            case "getme":
                record(method, params, files);
                return user(BOT_ID).put("is_bot", true).put("first_name", "Caretaker").put("username", BOT_NAME);
            case "deletewebhook":
            case "setmycommands":
            case "answercallbackquery":
                record(method, params, files);
                return JsonNodeFactory.instance.booleanNode(true);
            case "sendmessage":
            case "editmessagetext": {
                String problem = htmlProblem(params.getOrDefault("text", ""), params.get("parse_mode"));
                if (problem != null) {
                    return bad(ex, method, "Bad Request: " + problem);
                }
                ObjectNode m = message(Long.parseLong(params.get("chat_id")), params.get("text"));
                if (method.equals("editmessagetext")) {
                    m.put("message_id", Integer.parseInt(params.get("message_id")));
                }
                Map<String, String> withId = new LinkedHashMap<>(params);
                withId.put("message_id", m.get("message_id").asText());
                record(method, withId, files);
                return m;
            }
            case "senddocument": {
                if (files.size() != 1 || !params.containsKey("chat_id")) {
                    return bad(ex, method, "Bad Request: there is no document in the request");
                }
                if (files.values().iterator().next().isEmpty()) {
                    return bad(ex, method, "Bad Request: file must be non-empty");
                }
                String caption = params.get("caption");
                if (caption != null) {
                    String problem = htmlProblem(caption.isEmpty() ? " " : caption, params.get("parse_mode"));
                    if (problem != null && !problem.equals("message is too long")) {
                        return bad(ex, method, "Bad Request: " + problem);
                    }
                    if (unescape(params.get("parse_mode") == null ? caption : stripTags(caption)).length() > 1024) {
                        return bad(ex, method, "Bad Request: message caption is too long");
                    }
                }
                ObjectNode m = message(Long.parseLong(params.get("chat_id")), null);
                m.remove("text");
                String name = files.keySet().iterator().next();
                m.putObject("document").put("file_id", "f" + name).put("file_unique_id", "u" + name).put("file_name", name);
                record(method, params, files);
                return m;
            }
            default:
                reply(ex, 404, error(404, "Not Found: method not found"));
                return null;
        }
    }

    private JsonNode bad(HttpExchange ex, String method, String description) throws IOException {
        synchronized (lock) {
            malformed.add(method + ": " + description);
        }
        reply(ex, 400, error(400, description));
        return null;
    }

    /** The seconds to wait when this chat is over its limit (and the chat closes for them); null when it may send. */
    private Integer flood(long chat) {
        Duration every = interval;
        if (every.isZero()) {
            return null;
        }
        long now = System.nanoTime();
        synchronized (lock) {
            Long until = closedUntil.get(chat);
            if (until != null && now < until) {
                return (int) Math.max(1, Duration.ofNanos(until - now).toSeconds() + 1);
            }
            Long last = lastAccepted.get(chat);
            if (last != null && now - last < every.toNanos()) {
                closedUntil.put(chat, now + Duration.ofSeconds(retryAfterSeconds).toNanos());
                return retryAfterSeconds;
            }
            lastAccepted.put(chat, now);
            return null;
        }
    }

    /** Why Telegram would refuse this inline keyboard, or null: at most 100 buttons, each with text and data. */
    static String keyboardProblem(String markup) throws IOException {
        if (markup == null || markup.isBlank()) {
            return null;
        }
        JsonNode rows = JSON.readTree(markup).path("inline_keyboard");
        int buttons = 0;
        for (JsonNode row : rows) {
            for (JsonNode b : row) {
                buttons++;
                if (b.path("text").asText("").isEmpty()) {
                    return "BUTTON_TEXT_EMPTY";
                }
                String data = b.path("callback_data").asText("");
                if (data.isEmpty() || data.getBytes(StandardCharsets.UTF_8).length > 64) {
                    return "BUTTON_DATA_INVALID";
                }
            }
        }
        return buttons > 100 ? "reply markup is too long" : null;
    }

    private void record(String method, Map<String, String> params, Map<String, String> files) {
        synchronized (lock) {
            calls.add(new Call(method, Map.copyOf(params), Map.copyOf(files)));
            lock.notifyAll();
        }
    }

    private ArrayNode getUpdates(Map<String, String> params) throws InterruptedException {
        long offset = Long.parseLong(params.getOrDefault("offset", "0"));
        long timeout = Long.parseLong(params.getOrDefault("timeout", "0"));
        long deadline = System.nanoTime() + Math.min(HOLD.toNanos(), Duration.ofSeconds(timeout).toNanos());
        synchronized (lock) {
            while (true) {
                updates.removeIf(u -> u.get("update_id").asLong() < offset);
                lock.notifyAll();
                if (!updates.isEmpty() || System.nanoTime() >= deadline) {
                    ArrayNode out = JSON.createArrayNode();
                    updates.forEach(out::add);
                    return out;
                }
                lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }

    /** Why Telegram would refuse this text in HTML mode, or null. */
    static String htmlProblem(String text, String parseMode) {
        if (text.isEmpty()) {
            return "message text is empty";
        }
        if (parseMode == null || !parseMode.equalsIgnoreCase("html")) {
            return text.length() > 4096 ? "message is too long" : null;
        }
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(text);
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            if (between.contains("<") || between.contains(">")) {
                return "can't parse entities: unexpected < or > at byte offset " + last;
            }
            last = m.end();
            String name = m.group(2);
            if (!TAGS.contains(name)) {
                return "can't parse entities: unsupported start tag \"" + name + "\"";
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                return "can't parse entities: can't find end tag corresponding to start tag";
            }
        }
        String rest = text.substring(last);
        if (rest.contains("<") || rest.contains(">")) {
            return "can't parse entities: unexpected < or >";
        }
        if (!open.isEmpty()) {
            return "can't parse entities: can't find end tag corresponding to start tag \"" + open.peek() + "\"";
        }
        String stripped = stripTags(text);
        if (stripped.replaceAll("&(?!(lt|gt|amp|quot|#\\d+);)", "").length() != stripped.length()) {
            return "can't parse entities: unsupported entity";
        }
        if (unescape(stripped).length() > 4096) {
            return "message is too long";
        }
        return null;
    }

    static String stripTags(String html) {
        return html == null ? "" : html.replaceAll("<[^>]*>", "");
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    // ---- HTTP plumbing ----

    private static Map<String, String> params(HttpExchange ex, Map<String, String> files) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, out);
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json") && body.length > 0) {
            JsonNode n = JSON.readTree(body);
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        } else if (type.startsWith("multipart/form-data")) {
            String boundary = ex.getRequestHeaders().getFirst("Content-Type").replaceAll("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
            multipart(new String(body, StandardCharsets.ISO_8859_1), boundary, out, files);
        } else if (body.length > 0) {
            form(new String(body, StandardCharsets.UTF_8), out);
        }
        return out;
    }

    private static void form(String s, Map<String, String> out) {
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    /** Parts as ISO-8859-1 so bytes survive; values and files are decoded as UTF-8 at the end. */
    private static void multipart(String body, String boundary, Map<String, String> out, Map<String, String> files) {
        for (String part : body.split("--" + Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            String utf8 = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (file.find()) {
                files.put(file.group(1), utf8);
            } else if (name.find()) {
                out.put(name.group(1), utf8);
            }
        }
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode n = JSON.createObjectNode().put("ok", true);
        n.set("result", result);
        return n;
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = (body instanceof String s ? s : JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body instanceof String ? "text/html" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
