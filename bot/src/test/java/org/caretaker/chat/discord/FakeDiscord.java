package org.caretaker.chat.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MultipartReader;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Discord, as far as the adapter uses it, over real HTTP and a real WebSocket on one loopback port: the REST
 * calls JDA makes (login, command registration, interaction callbacks, webhook follow-ups, channel messages
 * with multipart attachments) and a gateway that says HELLO, answers IDENTIFY with READY and GUILD_CREATE,
 * acknowledges heartbeats and sends INTERACTION_CREATE on demand. It keeps what the bot sent, in order.
 *
 * <p>It enforces Discord's documented limits on what the bot sends, as Discord answers them: content of at
 * most 2,000 characters; at most 10 embeds, each with title 256, description 4,096, 25 fields (name 256,
 * value 1,024), footer 2,048, author 256, and 6,000 characters over all embeds; at most 5 action rows of 5
 * components, custom ids unique and at most 100 characters; no empty message (400, code 50035 "Invalid Form
 * Body"); files over the upload limit (413, code 40005). With {@link #limitPerChannel} it rate-limits each
 * channel (channel messages, interaction callbacks and follow-ups alike) with 429 and {@code retry_after}.
 */
public final class FakeDiscord implements AutoCloseable {
    public static final String TOKEN = "fake.bot.token";
    static final String APP = "100000000000000001";
    public static final String GUILD = "200000000000000002";
    static final String OTHER_GUILD = "200000000000000099";
    static final String CHANNEL = "900";
    public static final String REPORTS = "901";
    static final String OPERATOR_ROLE = "555";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern FOLLOW_UP = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/?]+)");
    private static final Pattern FOLLOW_UP_EDIT = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/?]+)/messages/([^/?]+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)/guilds/(\\d+)/commands");

    /**
     * What the bot sent.
     *
     * @param kind    {@code callback}, {@code follow-up}, {@code channel} or {@code commands}
     * @param target  the interaction token or the channel id
     * @param payload the JSON body (for multipart, its {@code payload_json})
     * @param files   attached files by name
     */
    public record Sent(String kind, String target, JsonNode payload, Map<String, String> files) {
        /** The message itself: a callback's {@code data}, otherwise the payload. */
        JsonNode message() {
            return kind.equals("callback") ? payload.path("data") : payload;
        }

        int callbackType() {
            return payload.path("type").asInt(-1);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> gatewayOps = new ArrayList<>();
    /** Snowflakes of now: JDA reads an interaction's age from its id and refuses to answer an old one. */
    private final AtomicLong ids = new AtomicLong((System.currentTimeMillis() - 1420070400000L) << 22);
    private final List<WebSocket> sockets = new ArrayList<>();
    private volatile WebSocket gateway;
    private volatile boolean restDown;
    private volatile int rateLimited;
    private int sequence;
    private final Map<String, String> interactionChannels = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> lastAccepted = new java.util.HashMap<>();
    private final Map<String, Long> closedUntil = new java.util.HashMap<>();
    private final List<String> limited = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private volatile Duration interval = Duration.ZERO;
    private volatile double retryAfterSeconds;
    private volatile long uploadLimit = 10L * 1024 * 1024;

    public FakeDiscord() throws IOException {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return FakeDiscord.this.dispatch(request);
                } catch (IOException e) {
                    return new MockResponse.Builder().code(500).body(e.toString()).build();
                }
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public URI restUrl() {
        return URI.create("http://127.0.0.1:" + server.getPort() + "/api/v10/");
    }

    public URI gatewayUrl() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/gateway");
    }

    /** While down, every REST call has its connection closed at once, as an unreachable proxy would. */
    public void restDown(boolean down) {
        restDown = down;
    }

    /** The next {@code times} channel messages are refused with 429 and a retry-after of 7 seconds. */
    void rateLimitChannelMessages(int times) {
        rateLimited = times;
    }

    /**
     * Flood control per channel: at most one message per {@code interval}; one sooner is answered 429 with
     * {@code retry_after} seconds, and the channel refuses everything until they are over.
     */
    void limitPerChannel(Duration interval, double retryAfterSeconds) {
        this.interval = interval;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The upload limit of the guild (10 MiB without boosts); tests lower it to keep files small. */
    void uploadLimit(long bytes) {
        uploadLimit = bytes;
    }

    synchronized List<String> limited() {
        return List.copyOf(limited);
    }

    /** Every request refused as malformed or too large, with the reason. */
    synchronized List<String> malformed() {
        return List.copyOf(malformed);
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Sent> sent(Predicate<Sent> which) {
        return sent.stream().filter(which).toList();
    }

    synchronized List<String> gatewayOps() {
        return List.copyOf(gatewayOps);
    }

    /** Sends a slash command typed by {@code user} (with {@code roles}) in {@code channel}; returns the interaction token. */
    String slash(String guild, String channel, String user, List<String> roles, String command, Map<String, String> options) {
        ObjectNode data = JSON.createObjectNode().put("id", "700" + command.length()).put("name", command).put("type", 1);
        ArrayNode opts = data.putArray("options");
        options.forEach((k, v) -> opts.addObject().put("name", k).put("type", 3).put("value", v));
        return interaction(guild, channel, user, roles, 2, data, null);
    }

    /** Sends an autocomplete request for {@code data} (one option marked focused); returns the interaction token. */
    String autocomplete(ObjectNode data) {
        return interaction(GUILD, CHANNEL, "42", List.of(), 4, data, null);
    }

    /** Presses the button with {@code customId} under the message the bot sent as {@code message}. */
    String press(String channel, String user, List<String> roles, JsonNode message, String customId) {
        ObjectNode data = JSON.createObjectNode().put("custom_id", customId).put("component_type", 2);
        ObjectNode msg = messageObject(channel, message);
        return interaction(GUILD, channel, user, roles, 3, data, msg);
    }

    private String interaction(String guild, String channel, String user, List<String> roles, int type, ObjectNode data, ObjectNode message) {
        String id = String.valueOf(ids.incrementAndGet());
        String token = "token-" + id;
        interactionChannels.put(token, channel);
        ObjectNode d = JSON.createObjectNode();
        d.put("id", id).put("application_id", APP).put("type", type).put("version", 1).put("token", token)
                .put("locale", "en-US").put("guild_locale", "en-US").put("guild_id", guild).put("channel_id", channel)
                .put("app_permissions", "2147483647").put("context", 0).put("attachment_size_limit", 10485760);
        d.putArray("entitlements");
        d.putObject("authorizing_integration_owners").put("0", guild);
        d.putObject("guild").put("id", guild).put("locale", "en-US").putArray("features");
        d.set("channel", channelObject(guild, channel).put("permissions", "2147483647"));
        ObjectNode member = memberObject(userObject(user, "user" + user, false), roles);
        member.put("permissions", "2147483647");
        d.set("member", member);
        d.set("data", data);
        if (message != null) {
            d.set("message", message);
        }
        dispatch("INTERACTION_CREATE", d);
        return token;
    }

    private synchronized void dispatch(String event, JsonNode d) {
        ObjectNode frame = JSON.createObjectNode().put("op", 0).put("t", event).put("s", ++sequence);
        frame.set("d", d);
        WebSocket ws = gateway;
        if (ws == null) {
            throw new IllegalStateException("the bot is not connected to the gateway");
        }
        ws.send(frame.toString());
    }

    private MockResponse dispatch(RecordedRequest request) throws IOException {
        String path = request.getUrl().encodedPath();
        if ("websocket".equalsIgnoreCase(request.getHeaders().get("Upgrade"))) {
            return new MockResponse.Builder().webSocketUpgrade(new Gateway()).build();
        }
        if (restDown) {
            return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
        }
        String method = request.getMethod();
        Matcher m;
        if (!("Bot " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                    .body("{\"message\":\"401: Unauthorized\",\"code\":0}").build();
        }
        if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
            return json(200, userObject(APP, "caretaker", true));
        }
        if (method.equals("GET") && path.equals("/api/v10/gateway/bot")) {
            ObjectNode g = JSON.createObjectNode().put("url", gatewayUrl().toString()).put("shards", 1);
            g.putObject("session_start_limit").put("total", 1000).put("remaining", 1000).put("reset_after", 0).put("max_concurrency", 1);
            return json(200, g);
        }
        if (method.equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
            ArrayNode commands = (ArrayNode) JSON.readTree(request.getBody().utf8());
            record(new Sent("commands", m.group(2), commands, Map.of()));
            for (JsonNode c : commands) {
                ((ObjectNode) c).put("id", String.valueOf(ids.incrementAndGet())).put("application_id", APP).put("guild_id", m.group(2))
                        .put("version", "1").put("type", c.path("type").asInt(1));
                if (!c.has("default_member_permissions")) {
                    ((ObjectNode) c).putNull("default_member_permissions");
                }
            }
            return json(200, commands);
        }
        if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            Body body = body(request);
            int type = body.payload().path("type").asInt();
            boolean message = type == 4 || type == 7;
            MockResponse refused = message ? refusal(request, body, body.payload().path("data"), interactionChannels.getOrDefault(m.group(2), "?"))
                    : null;
            if (refused != null) {
                return refused;
            }
            record(new Sent("callback", m.group(2), body.payload(), body.files()));
            return new MockResponse.Builder().code(204).build();
        }
        if (method.equals("POST") && (m = FOLLOW_UP.matcher(path)).matches()) {
            Body body = body(request);
            MockResponse refused = refusal(request, body, body.payload(), interactionChannels.getOrDefault(m.group(2), "?"));
            if (refused != null) {
                return refused;
            }
            record(new Sent("follow-up", m.group(2), body.payload(), body.files()));
            return json(200, messageObject(CHANNEL, body.payload()));
        }
        if ((method.equals("PATCH")) && (m = FOLLOW_UP_EDIT.matcher(path)).matches()) {
            Body body = body(request);
            MockResponse refused = refusal(request, body, body.payload(), null);
            if (refused != null) {
                return refused;
            }
            record(new Sent("follow-up-edit", m.group(2), body.payload(), body.files()));
            return json(200, messageObject(CHANNEL, body.payload()));
        }
        if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            if (rateLimited > 0) {
                rateLimited--;
                return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json").setHeader("Retry-After", "7")
                        .setHeader("X-RateLimit-Scope", "user")
                        .body("{\"message\":\"You are being rate limited.\",\"retry_after\":7.0,\"global\":false}").build();
            }
            Body body = body(request);
            MockResponse refused = refusal(request, body, body.payload(), m.group(1));
            if (refused != null) {
                return refused;
            }
            record(new Sent("channel", m.group(1), body.payload(), body.files()));
            return json(200, messageObject(m.group(1), body.payload()));
        }
        if (method.equals("PATCH") && (m = CHANNEL_MESSAGE.matcher(path)).matches()) {
            Body body = body(request);
            MockResponse refused = refusal(request, body, body.payload(), null);
            if (refused != null) {
                return refused;
            }
            record(new Sent("edit", m.group(1) + "/" + m.group(2), body.payload(), body.files()));
            return json(200, messageObject(m.group(1), body.payload()).put("id", m.group(2)));
        }
        return new MockResponse.Builder().code(404).body("{\"message\":\"404: Not Found\",\"code\":0}").build();
    }

    /** How Discord would answer this message instead of taking it, or null when it takes it. */
    private MockResponse refusal(RecordedRequest request, Body body, JsonNode message, String channel) {
        long size = body.sizes().values().stream().mapToLong(Long::longValue).sum();
        if (size > uploadLimit) {
            synchronized (this) {
                malformed.add("413 files of " + size + " bytes");
            }
            return new MockResponse.Builder().code(413).setHeader("Content-Type", "application/json")
                    .body("{\"message\":\"Request entity too large\",\"code\":40005}").build();
        }
        String problem = problem(message, !body.files().isEmpty());
        if (problem != null) {
            synchronized (this) {
                malformed.add(problem);
            }
            ObjectNode e = JSON.createObjectNode().put("message", "Invalid Form Body").put("code", 50035);
            e.putObject("errors").put("reason", problem);
            return json(400, e);
        }
        if (channel != null) {
            Double wait = flood(channel);
            if (wait != null) {
                synchronized (this) {
                    limited.add(request.getMethod() + " " + request.getUrl().encodedPath());
                }
                return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                        .setHeader("Retry-After", String.valueOf((long) Math.ceil(wait))).setHeader("X-RateLimit-Scope", "user")
                        .body("{\"message\":\"You are being rate limited.\",\"retry_after\":" + wait + ",\"global\":false}").build();
            }
        }
        return null;
    }

    private synchronized Double flood(String channel) {
        Duration every = interval;
        if (every.isZero()) {
            return null;
        }
        long now = System.nanoTime();
        Long until = closedUntil.get(channel);
        if (until != null && now < until) {
            return Math.max(0.001, (until - now) / 1e9);
        }
        Long last = lastAccepted.get(channel);
        if (last != null && now - last < every.toNanos()) {
            closedUntil.put(channel, now + (long) (retryAfterSeconds * 1e9));
            return retryAfterSeconds;
        }
        lastAccepted.put(channel, now);
        return null;
    }

    /** Why Discord would refuse this message as an invalid form body, or null. */
    static String problem(JsonNode m, boolean hasFiles) {
        String content = m.path("content").asText("");
        if (content.length() > 2000) {
            return "content: must be 2000 or fewer in length";
        }
        JsonNode embeds = m.path("embeds");
        if (embeds.size() > 10) {
            return "embeds: must be 10 or fewer in length";
        }
        int total = 0;
        for (JsonNode e : embeds) {
            String title = e.path("title").asText("");
            String description = e.path("description").asText("");
            String footer = e.path("footer").path("text").asText("");
            String author = e.path("author").path("name").asText("");
            if (title.length() > 256 || description.length() > 4096 || footer.length() > 2048 || author.length() > 256) {
                return "embeds: a title, description, footer or author is too long";
            }
            if (e.path("fields").size() > 25) {
                return "embeds.fields: must be 25 or fewer in length";
            }
            total += title.length() + description.length() + footer.length() + author.length();
            for (JsonNode f : e.path("fields")) {
                if (f.path("name").asText("").length() > 256 || f.path("value").asText("").length() > 1024) {
                    return "embeds.fields: a name or value is too long";
                }
                total += f.path("name").asText("").length() + f.path("value").asText("").length();
            }
        }
        if (total > 6000) {
            return "embeds: the embeds together exceed 6000 characters";
        }
        JsonNode rows = m.path("components");
        if (rows.size() > 5) {
            return "components: must be 5 or fewer in length";
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode row : rows) {
            if (row.path("components").size() > 5) {
                return "components.components: must be 5 or fewer in length";
            }
            for (JsonNode c : row.path("components")) {
                String id = c.path("custom_id").asText("");
                if (id.length() > 100 || c.path("label").asText("").length() > 80) {
                    return "components: a custom_id or label is too long";
                }
                if (!id.isEmpty() && !ids.add(id)) {
                    return "components: custom_id must be unique within a message: " + id;
                }
            }
        }
        boolean edit = !m.has("content") && !m.has("embeds") && !m.has("components");
        if (!edit && content.isEmpty() && embeds.isEmpty() && rows.isEmpty() && !hasFiles && !m.has("attachments")) {
            return "message: cannot send an empty message";
        }
        return null;
    }

    private synchronized void record(Sent s) {
        sent.add(s);
        notifyAll();
    }

    /** Waits until {@code count} sent items match, and returns every match. */
    List<Sent> await(Predicate<Sent> which, int count) {
        return WAITING.alias(count + " matching messages sent to Discord")
                .until(() -> sent(which), matching -> matching.size() >= count);
    }

    private record Body(JsonNode payload, Map<String, String> files, Map<String, Long> sizes) {
    }

    private static Body body(RecordedRequest request) throws IOException {
        String type = request.getHeaders().get("Content-Type");
        if (type == null || !type.startsWith("multipart/")) {
            return new Body(JSON.readTree(request.getBody().utf8()), Map.of(), Map.of());
        }
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        JsonNode payload = JSON.createObjectNode();
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                String disposition = part.headers().get("Content-Disposition");
                byte[] bytes = part.body().readByteArray();
                String content = new String(bytes, StandardCharsets.UTF_8);
                Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(disposition);
                if (file.find()) {
                    files.put(file.group(1), content);
                    sizes.put(file.group(1), (long) bytes.length);
                } else if (disposition.contains("name=\"payload_json\"")) {
                    payload = JSON.readTree(content);
                }
            }
        }
        return new Body(payload, files, sizes);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    private ObjectNode messageObject(String channel, JsonNode sent) {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", String.valueOf(ids.incrementAndGet())).put("channel_id", channel).put("type", 0)
                .put("content", sent.path("content").asText("")).put("pinned", false).put("mention_everyone", false).put("tts", false)
                .put("timestamp", Instant.parse("2026-12-03T07:00:00Z").toString()).putNull("edited_timestamp").put("flags", 0);
        msg.set("author", userObject(APP, "caretaker", true));
        msg.putArray("attachments");
        ArrayNode embeds = msg.putArray("embeds");
        for (JsonNode e : sent.path("embeds")) {
            embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich"));
        }
        msg.putArray("mentions");
        msg.putArray("mention_roles");
        ArrayNode components = msg.putArray("components");
        int n = 1;
        for (JsonNode row : sent.path("components")) {
            ObjectNode r = components.addObject().put("type", 1).put("id", n++);
            ArrayNode children = r.putArray("components");
            for (JsonNode b : row.path("components")) {
                ObjectNode button = ((ObjectNode) b.deepCopy()).put("id", n++);
                children.add(button);
            }
        }
        return msg;
    }

    private static ObjectNode userObject(String id, String name, boolean bot) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id).put("username", name).put("discriminator", "0").putNull("global_name").putNull("avatar").put("bot", bot)
                .put("verified", true).put("mfa_enabled", false).put("flags", 0).put("public_flags", 0);
        return u;
    }

    private static ObjectNode memberObject(ObjectNode user, List<String> roles) {
        ObjectNode m = JSON.createObjectNode();
        m.set("user", user);
        ArrayNode r = m.putArray("roles");
        roles.forEach(r::add);
        m.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0).put("pending", false)
                .putNull("nick").putNull("avatar").putNull("premium_since");
        return m;
    }

    private static ObjectNode channelObject(String guild, String id) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("type", 0).put("guild_id", guild).put("name", "ops-" + id).put("position", 0).put("nsfw", false)
                .putNull("topic").putNull("last_message_id").putNull("parent_id").put("rate_limit_per_user", 0).put("flags", 0);
        c.putArray("permission_overwrites");
        return c;
    }

    private ObjectNode guildObject() {
        ObjectNode g = JSON.createObjectNode();
        g.put("id", GUILD).put("name", "homelab").putNull("icon").putNull("splash").put("owner_id", "1").putNull("afk_channel_id")
                .put("afk_timeout", 300).put("verification_level", 0).put("default_message_notifications", 0).put("explicit_content_filter", 0)
                .put("mfa_level", 0).putNull("system_channel_id").put("max_members", 100).putNull("vanity_url_code").putNull("description")
                .putNull("banner").put("premium_tier", 0).put("premium_subscription_count", 0).put("preferred_locale", "en-US")
                .put("nsfw_level", 0).put("member_count", 2).put("large", false).put("unavailable", false)
                .put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("premium_progress_bar_enabled", false);
        ArrayNode roles = g.putArray("roles");
        // View Channel, Send Messages, Embed Links, Attach Files, Read Message History: what the bot needs.
        roles.add(role(GUILD, "@everyone", 0, "117760"));
        roles.add(role(OPERATOR_ROLE, "operators", 1, "0"));
        g.putArray("emojis");
        g.putArray("stickers");
        g.putArray("features");
        g.putArray("members").add(memberObject(userObject(APP, "caretaker", true), List.of()));
        g.putArray("channels").add(channelObject(GUILD, CHANNEL)).add(channelObject(GUILD, REPORTS));
        g.putArray("threads");
        g.putArray("voice_states");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("guild_scheduled_events");
        return g;
    }

    private static ObjectNode role(String id, String name, int position, String permissions) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id).put("name", name).put("permissions", permissions).put("position", position).put("color", 0).put("hoist", false)
                .put("managed", false).put("mentionable", false).put("flags", 0);
        r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        return r;
    }

    private final class Gateway extends WebSocketListener {
        @Override
        public void onOpen(WebSocket ws, Response response) {
            synchronized (FakeDiscord.this) {
                sockets.add(ws);
            }
            ws.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
        }

        /** Answers the bot's close frame, as Discord does, so that JDA's shutdown completes at once. */
        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            int op = frame.path("op").asInt();
            synchronized (FakeDiscord.this) {
                gatewayOps.add(String.valueOf(op));
            }
            if (op == 1) {
                ws.send("{\"op\":11}");
            } else if (op == 2) {
                gateway = ws;
                ObjectNode ready = JSON.createObjectNode().put("v", 10).put("session_id", "session-1")
                        .put("resume_gateway_url", gatewayUrl().toString());
                ready.set("user", userObject(APP, "caretaker", true));
                ready.putArray("guilds").addObject().put("id", GUILD).put("unavailable", true);
                ready.putArray("private_channels");
                ready.putObject("application").put("id", APP).put("flags", 0);
                dispatch("READY", ready);
                dispatch("GUILD_CREATE", guildObject());
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            sockets.forEach(ws -> ws.close(1000, "bye"));
        }
        server.close();
    }
}
