package org.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.caretaker.check.Catalogue;
import org.caretaker.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default end to end, as a user meets it: the console answers {@code /status} from history,
 * {@code /run} runs a job and reports it, {@code /healthz} and {@code /metrics} answer, and after a restart on
 * the same data directory the history and the alert state are still there and nothing is announced twice.
 * Real parts throughout: the local executor, an H2 file, Quartz, the console adapter over a pipe, HTTP.
 */
class BotTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();

    @TempDir
    Path dir;

    private Bot bot;
    private PipedOutputStream typed;
    private ByteArrayOutputStream screen;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    private Bot start() throws Exception {
        Files.createDirectories(dir.resolve("schedules"));
        // A local endpoint nobody listens on: a CRIT that stays CRIT, so a repeated announcement would show.
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        if (!Files.exists(dir.resolve("caretaker.yaml"))) {
            Files.writeString(dir.resolve("caretaker.yaml"), """
                    hosts:
                      - name: here
                        local: true
                        expect:
                          endpoints:
                            - { name: gone, url: "http://127.0.0.1:%d/" }
                    schedules: schedules
                    store: { data-dir: data }
                    http: { listen: "127.0.0.1:0" }
                    site: { content: "%s", templates: "%s", out: site }
                    """.formatted(closedPort, REPO.resolve("content"), REPO.resolve("templates")));
            Files.writeString(dir.resolve("schedules/daily-sanity.yaml"), """
                    id: daily-sanity
                    description: test sweep
                    cron: "0 30 6 * * ?"
                    checks: [disk-usage, http-endpoints]
                    channels: [console:local]
                    report: changes
                    """);
        }
        Catalogue catalogue = Catalogue.standard();
        var config = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment())
                .load(dir.resolve("caretaker.yaml"));
        typed = new PipedOutputStream();
        screen = new ByteArrayOutputStream();
        var in = new BufferedReader(new InputStreamReader(new PipedInputStream(typed, 1 << 16), StandardCharsets.UTF_8));
        Bot b = new Bot(new Caretaker(config, catalogue, Clock.systemUTC()), in, new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        b.start();
        return b;
    }

    private void type(String line) throws IOException {
        typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typed.flush();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String lastSuccess(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("caretaker_last_success_timestamp_seconds{job=\"daily-sanity\"}"))
                .findFirst().orElse("");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void console_runsAJob_reportsIt_andARestartRemembersWithoutRepeating() throws Exception {
        bot = start();

        type("/status");
        WAITING.until(this::screen, s -> s.contains("Nothing checked yet"));

        type("/run daily-sanity");
        String first = WAITING.until(this::screen, s -> s.contains("daily-sanity: 1 new problem"));
        assertThat(first).contains("daily-sanity started").contains("here http-endpoints gone");

        type("/status");
        String status = WAITING.until(this::screen, s -> s.contains("Needs attention"));
        assertThat(status).containsPattern("\\[CRIT\\] here http-endpoints gone: .*/ack [0-9a-f]{8}");

        // An ack is visible: /status lists the finding apart with who, when and until, and so does status.json.
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("/ack ([0-9a-f]{8})").matcher(status);
        assertThat(id.find()).isTrue();
        type("/ack " + id.group(1) + " 2h");
        WAITING.until(this::screen, s -> s.contains("acked here/http-endpoints/gone until"));
        type("/status");
        String acked = WAITING.until(this::screen, s -> s.contains("Acknowledged"));
        assertThat(acked).contains("(1 acknowledged)")
                .containsPattern("\\[CRIT\\] here http-endpoints gone: .* — acked by console:local at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+,"
                        + " until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+ or until it changes");

        // A diagnostic answers with its bundle attached and is kept in the run history with it.
        type("/diag freeze");
        String diag = WAITING.until(this::screen, s -> s.contains("Stored as run"));
        assertThat(diag).containsPattern("freeze on here: [A-Z]+ \\(").containsPattern("kept as diag-freeze-here-[0-9TZ]+\\.txt");
        try (var files = Files.list(dir.resolve("data/diag"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("diag-freeze-here-");
        }

        assertThat(get(bot.httpPort(), "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(bot.httpPort(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("caretaker_check_status{host=\"here\",check=\"http-endpoints\",subject=\"gone\"} 2")
                .contains("caretaker_last_success_timestamp_seconds{job=\"daily-sanity\"}")
                .contains("caretaker_outbox_depth 0");

        // The snapshot and the site follow every run; the bot serves the site.
        assertThat(Files.readString(dir.resolve("data/status.json"))).contains("\"check\" : \"http-endpoints\"");
        HttpResponse<String> home = get(bot.httpPort(), "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("http-endpoints").contains("gone is down");
        assertThat(get(bot.httpPort(), "/runbook/zfs.html").statusCode()).isEqualTo(200);

        bot.close();
        bot = start();

        // History survived: /status answers from it before anything has run in this life.
        type("/status");
        // (acked before the restart, so it is listed apart)
        WAITING.until(this::screen, s -> s.contains("Acknowledged") && s.contains("here http-endpoints gone"));

        // The same failure again is not news: the alert state survived the restart too. (Metrics count whole
        // seconds: let one pass so the second run's finish time differs from the first's.)
        String before = lastSuccess(get(bot.httpPort(), "/metrics").body());
        long firstRunDoneBy = Instant.now().getEpochSecond();
        WAITING.alias("the next whole second").until(() -> Instant.now().getEpochSecond() > firstRunDoneBy);
        type("/run daily-sanity");
        WAITING.until(this::screen, s -> s.contains("daily-sanity started"));
        WAITING.alias("the second run finished").untilAsserted(() -> assertThat(lastSuccess(get(bot.httpPort(), "/metrics").body()))
                .as("the second run finished; the console shows:%n%s", screen()).isNotEqualTo(before));
        // The outbox sender polls every second: had the run been news, it would be on screen within two rounds.
        WAITING.alias("no new problem announced").during(Duration.ofMillis(2_500)).atMost(WAIT)
                .until(() -> count(screen(), "new problem") == 0);
        // The ack survived the restart, and the snapshot written after the run shows it with who, when and until.
        assertThat(Files.readString(dir.resolve("data/status.json")))
                .containsPattern("\"ack\" : \\{\\s*\"by\" : \"console:local\",\\s*\"at\" : \"[^\"]+\",\\s*\"until\" : \"[^\"]+\"");
    }
}
