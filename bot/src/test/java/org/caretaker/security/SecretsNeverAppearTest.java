package org.caretaker.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.caretaker.Bot;
import org.caretaker.Caretaker;
import org.caretaker.check.Catalogue;
import org.caretaker.cli.Main;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.Secret;
import org.caretaker.config.YamlNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The whole bot, configured with distinctive secrets in every place a secret can go (chat tokens, a ping URL,
 * the password in an endpoint URL, the store password), is driven through a job, a status, a check, a failing
 * command and a restart; then everything it said or wrote — every log line at DEBUG, the console, every row of
 * every table (outbox, audit log, runs, findings, scheduler), every file it wrote (status snapshot, site),
 * {@code /metrics}, and the CLI's table and JSON — is scanned for the secrets and for any 8-character piece of
 * them. A secret that leaked in a clipped or re-encoded form still shows as a piece.
 */
class SecretsNeverAppearTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private static final String TELEGRAM_TOKEN = "7391046285:AAtgQwZxVbNmLkJhGfDsAp0912Rq";
    private static final String DISCORD_TOKEN = "MTdcOTk4NjU0MzIxMDk4.GhXyZq.dcWvUtSrQpOnMlKjIhGx";
    private static final String PING_SECRET = "pq6f1e9a2b-c3d4-4e5f-a6b7";
    private static final String ENDPOINT_PASSWORD = "Ew8Zx81Qy27Kv3Tn";
    private static final String STORE_PASSWORD = "Sj2Hj44Tr90Lm55Wq";
    private static final List<String> SECRETS = List.of(TELEGRAM_TOKEN, DISCORD_TOKEN, PING_SECRET, ENDPOINT_PASSWORD, STORE_PASSWORD);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;
    private Level rootLevel;
    private HttpServer pings;
    private final List<String> pinged = new ArrayList<>();
    private Bot bot;
    private PipedOutputStream typed;
    private ByteArrayOutputStream screen;
    private String configText;

    @BeforeEach
    void captureEveryLogLine() throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger %mdc %msg%n%ex{full}");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(logs);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        root.addAppender(appender);

        pings = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pings.createContext("/", exchange -> {
            synchronized (pinged) {
                pinged.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pings.start();
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        pings.stop(0);
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        appender.stop();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static final YamlNode.Environment ENV = new YamlNode.Environment() {
        private final Map<String, String> vars = Map.of(
                "TELEGRAM_TOKEN", TELEGRAM_TOKEN,
                "DISCORD_TOKEN", DISCORD_TOKEN,
                "PING_SECRET", PING_SECRET,
                "ENDPOINT_PASSWORD", ENDPOINT_PASSWORD,
                "STORE_PASSWORD", STORE_PASSWORD);

        @Override
        public Optional<String> variable(String name) {
            return Optional.ofNullable(vars.get(name));
        }

        @Override
        public Optional<String> file(String path) {
            return Optional.empty();
        }
    };

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("schedules"));
        configText = """
                hosts:
                  - name: here
                    local: true
                    expect:
                      endpoints:
                        - { name: guarded, url: "http://admin:${ENDPOINT_PASSWORD}@127.0.0.1:%d/" }
                schedules: schedules
                store: { data-dir: data, user: sa, password: "${STORE_PASSWORD}" }
                http: { listen: "127.0.0.1:0" }
                site: { content: "%s", templates: "%s", out: site }
                pings:
                  daily-sanity: "http://127.0.0.1:%d/ping/${PING_SECRET}"
                chat:
                  console: true
                  telegram:
                    token: ${TELEGRAM_TOKEN}
                    api-url: "http://127.0.0.1:%d"
                    chats: ["4242"]
                  discord:
                    token: ${DISCORD_TOKEN}
                    guild: "123456789012345678"
                    rest-url: "http://127.0.0.1:%d/api/v10/"
                    gateway-url: "ws://127.0.0.1:%d/"
                    channels: ["223456789012345678"]
                alerts:
                  channels: ["console:local", "telegram:4242", "discord:223456789012345678"]
                access:
                  users:
                    - { id: "console:local", roles: [admin] }
                  channels: ["console:local"]
                """.formatted(closedPort(), REPO.resolve("content"), REPO.resolve("templates"), pings.getAddress().getPort(),
                closedPort(), closedPort(), closedPort());
        Files.writeString(dir.resolve("caretaker.yaml"), configText);
        Files.writeString(dir.resolve("schedules/daily-sanity.yaml"), """
                id: daily-sanity
                description: test sweep
                cron: "0 30 6 * * ?"
                checks: [disk-usage, http-endpoints]
                channels: [console:local, telegram:4242, discord:223456789012345678]
                report: changes
                """);
    }

    private CaretakerConfig load() throws Exception {
        Catalogue catalogue = Catalogue.standard();
        return new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ENV).load(dir.resolve("caretaker.yaml"));
    }

    private Bot start() throws Exception {
        typed = new PipedOutputStream();
        screen = new ByteArrayOutputStream();
        var in = new BufferedReader(new InputStreamReader(new PipedInputStream(typed, 1 << 16), StandardCharsets.UTF_8));
        Bot b = new Bot(new Caretaker(load(), Catalogue.standard(), Clock.systemUTC()), in,
                new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        b.start();
        return b;
    }

    private void type(String line) throws IOException {
        typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typed.flush();
    }

    private String waitFor(Predicate<String> condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            String s = screen.toString(StandardCharsets.UTF_8);
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the console never showed what was expected; it shows:\n" + screen.toString(StandardCharsets.UTF_8));
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return "exit=" + exit + "\n" + out + "\n" + err;
    }

    /** Every row of every table, as text; binary columns as Latin-1 so that serialized Java shows its strings. */
    private String everyRow() throws Exception {
        StringBuilder all = new StringBuilder();
        String url = "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath().resolve("caretaker");
        try (Connection c = DriverManager.getConnection(url, "sa", STORE_PASSWORD);
             ResultSet tables = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE", "BASE TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            assertThat(names).as("tables").isNotEmpty();
            for (String table : names) {
                try (ResultSet rows = c.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        all.append(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            Object v = rows.getObject(i);
                            if (v instanceof Blob b) {
                                v = b.getBytes(1, (int) b.length());
                            }
                            all.append(' ').append(v instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(v));
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** Every file the bot wrote except the database file itself (its rows are scanned through SQL). */
    private String everyFile() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".mv.db")).toList()) {
                all.append(f).append('\n').append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                String piece = secret.substring(i, i + 8);
                int at = text.indexOf(piece);
                if (at >= 0) {
                    throw new AssertionError("a piece '" + piece + "' of a secret appears in " + where + ": …"
                            + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 200)) + "…");
                }
            }
        }
    }

    @Test
    void noSecretAppearsInLogsConsoleStoreFilesMetricsOrTheCli() throws Exception {
        writeConfig();
        assertNoSecretIn("the configuration file (secrets come from the environment)", configText);
        bot = start();

        type("/status");
        waitFor(s -> s.contains("Nothing checked yet"));
        type("/run daily-sanity");
        waitFor(s -> s.contains("daily-sanity: 1 new problem"));
        type("/status");
        waitFor(s -> s.contains("Needs attention"));
        type("/check http-endpoints here");
        waitFor(s -> s.indexOf("guarded") != s.lastIndexOf("guarded") && s.lastIndexOf("guarded") > s.lastIndexOf("Needs attention"));
        type("/check no-such-check here");
        waitFor(s -> s.contains("no-such-check"));
        String metrics = get(bot.httpPort(), "/metrics");
        String home = get(bot.httpPort(), "/");
        assertThat(metrics).contains("caretaker_check_status{host=\"here\",check=\"http-endpoints\",subject=\"guarded\"} 2");
        // The ping server saw the run start and finish: the secret path was used, and only there.
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            synchronized (pinged) {
                if (pinged.size() >= 2) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        synchronized (pinged) {
            assertThat(pinged).contains("POST /ping/" + PING_SECRET + "/start", "POST /ping/" + PING_SECRET);
        }

        bot.close();
        bot = start();
        type("/status");
        waitFor(s -> s.contains("Needs attention") && s.contains("guarded"));
        type("/run daily-sanity");
        waitFor(s -> s.contains("daily-sanity started"));
        Thread.sleep(2_500);
        String secondScreen = screen.toString(StandardCharsets.UTF_8);
        String secondMetrics = get(bot.httpPort(), "/metrics");
        bot.close();
        bot = null;

        String table = cli("check", "all", "--config", dir.resolve("caretaker.yaml").toString());
        String json = cli("check", "http-endpoints", "--json", "--config", dir.resolve("caretaker.yaml").toString());
        String hosts = cli("hosts", "--config", dir.resolve("caretaker.yaml").toString());

        // The places the secrets are handed to were really used: both chat clients tried to connect with their
        // tokens, and reports for them wait in the outbox.
        String log = logs.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("DEBUG").contains("telegram not reachable").contains("discord login failed");
        String rows = everyRow();
        assertThat(rows).contains("telegram:4242").contains("discord:223456789012345678");

        assertNoSecretIn("the console", screen.toString(StandardCharsets.UTF_8) + secondScreen);
        assertNoSecretIn("/metrics", metrics + secondMetrics);
        assertNoSecretIn("the site", home);
        assertNoSecretIn("the database (outbox, audit log, runs, findings, scheduler)", rows);
        assertNoSecretIn("the files under the configuration directory", everyFile());
        assertNoSecretIn("the CLI", table + json + hosts);
        assertNoSecretIn("the log", log);
    }

    @Test
    void secretsAndConfigRecords_printWithoutTheirValues() throws Exception {
        writeConfig();
        CaretakerConfig config = load();

        assertThat(Secret.of(TELEGRAM_TOKEN)).hasToString("******");
        assertThat(Secret.of("")).hasToString("(empty)");
        assertNoSecretIn("CaretakerConfig.toString()", config.toString());
        assertNoSecretIn("StoreConfig.toString()", config.store().toString());
        assertNoSecretIn("ChatConfig.toString()", config.chat().toString());
        assertNoSecretIn("HostConfig.toString()", config.hosts().toString());
        assertThat(config.store().password().reveal()).isEqualTo(STORE_PASSWORD);
        assertThat(config.chat().telegram().orElseThrow().token().reveal()).isEqualTo(TELEGRAM_TOKEN);
    }
}
