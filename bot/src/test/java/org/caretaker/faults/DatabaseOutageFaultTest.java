package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.caretaker.Bot;
import org.caretaker.Caretaker;
import org.caretaker.chat.telegram.FakeBotApi;
import org.caretaker.check.Catalogue;
import org.caretaker.config.ConfigLoader;
import org.caretaker.job.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database away for a while: a whole bot in this JVM on a real PostgreSQL server, which is stopped while
 * a run is going (the run waits on a web endpoint that holds its answer) and started again about 25 s later on
 * the same data directory and port. The bot keeps running; {@code /healthz} says so while the database is
 * away and is ok again after; the run that ended in the outage is stored and reported once the database is
 * back, exactly once; and Quartz runs the job again afterwards without announcing anything twice.
 */
class DatabaseOutageFaultTest {
    private static final Duration OUTAGE = Duration.ofSeconds(25);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();

    @TempDir
    Path dir;

    private EmbeddedPostgres pg;
    private int pgPort;
    private FakeBotApi api;
    private HeldEndpoint held;
    private Bot bot;

    @AfterEach
    void stop() throws Exception {
        if (held != null) {
            held.release();
        }
        if (bot != null) {
            bot.close();
        }
        if (held != null) {
            held.close();
        }
        if (api != null) {
            api.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private EmbeddedPostgres postgres() throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(false).setPort(pgPort).start();
    }

    private Bot start() throws Exception {
        held = new HeldEndpoint(n -> n == 1);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(dir.resolve("schedules/sweep.yaml"), """
                id: sweep
                cron: "0 0 3 1 1 ? 2099"
                checks: [http-endpoints]
                channels: [ "telegram:-100" ]
                """);
        Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: here
                    local: true
                    expect:
                      endpoints:
                        - { name: gone, url: "http://127.0.0.1:%d/" }
                        - { name: held, url: "http://127.0.0.1:%d/", max-latency: 5m }
                    thresholds:
                      http-endpoints: { timeout-seconds: 110 }
                schedules: schedules
                store: { data-dir: data, url: "%s", user: postgres }
                http: { listen: "127.0.0.1:0" }
                chat:
                  console: false
                  telegram: { token: "%s", api-url: "%s", chats: [-100] }
                alerts: { channels: [ "telegram:-100" ] }
                """.formatted(closedPort, held.port(), pg.getJdbcUrl("postgres", "postgres"), FakeBotApi.TOKEN, api.url()));
        Catalogue catalogue = Catalogue.standard();
        var config = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment())
                .load(dir.resolve("caretaker.yaml"));
        Bot b = new Bot(new Caretaker(config, catalogue, Clock.systemUTC()), null, new PrintStream(OutputStream.nullOutputStream()), false);
        b.start();
        return b;
    }

    private int health() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.httpPort() + "/healthz")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot.httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<String> reports() {
        return api.calls("sendMessage").stream().filter(c -> "-100".equals(c.params().get("chat_id")))
                .map(c -> c.params().get("text")).filter(t -> t.contains("<b>sweep")).toList();
    }

    @Test
    void databaseAwayDuringARun_theRunIsStoredAndReportedOnceWhenItIsBack_andTheBotCarriesOn() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        pg = postgres();
        api = new FakeBotApi();
        bot = start();
        assertThat(health()).isEqualTo(200);

        assertThat(bot.scheduler().start("sweep", Trigger.chat("tester"))).isEqualTo("sweep started");
        WAITING.alias("the run reaches the held endpoint").until(() -> held.requests() == 1);

        // The database goes away mid-run; then the run ends, with nowhere to store its findings.
        pg.close();
        pg = null;
        held.release();
        // The probe keeps a verdict for two seconds: the outage shows at the latest when that one is stale.
        WAITING.alias("healthz says 503 while the database is away").atMost(WAIT).until(() -> health() == 503);
        WAITING.alias("nothing can be decided without the database").during(OUTAGE).atMost(OUTAGE.plus(WAIT))
                .until(() -> reports().isEmpty());

        pg = postgres();
        WAITING.alias("the run's report after the database is back").until(() -> reports().size() == 1);
        assertThat(reports().get(0)).contains("gone");
        WAITING.alias("healthz ok again").until(() -> health() == 200);
        assertThat(metrics()).contains("caretaker_check_status{host=\"here\",check=\"http-endpoints\",subject=\"gone\"} 2");

        // Quartz carries on: the job runs again, and the same failure is not news a second time.
        String firstSuccess = lastSuccess(metrics());
        assertThat(firstSuccess).isNotEmpty();
        // Metrics count whole seconds: the second run must finish in a later one than the first.
        long firstRunDoneBy = Instant.now().getEpochSecond();
        WAITING.alias("the next whole second").until(() -> Instant.now().getEpochSecond() > firstRunDoneBy);
        assertThat(bot.scheduler().start("sweep", Trigger.chat("tester"))).isEqualTo("sweep started");
        WAITING.alias("the second run is stored").until(() -> !lastSuccess(metrics()).equals(firstSuccess));
        WAITING.alias("the same failure is not reported again").during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> reports().size() == 1);
        assertThat(held.requests()).isEqualTo(2);
    }

    private static String lastSuccess(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("caretaker_last_success_timestamp_seconds{job=\"sweep\"}")).findFirst().orElse("");
    }
}
