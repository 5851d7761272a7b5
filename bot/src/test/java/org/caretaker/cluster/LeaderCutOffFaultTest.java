package org.caretaker.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.BotProcess;
import org.caretaker.chat.telegram.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code caretaker run} processes on one PostgreSQL database; the leader reaches it through a TCP relay
 * that goes silent in the middle of a stream of Telegram commands. About a minute and a half of real time,
 * hence in the CI-only faults suite.
 */
@Tag("faults")
class LeaderCutOffFaultTest {
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern HTTP = Pattern.compile("caretaker running .* http=127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern PORT = Pattern.compile("//[^:/]+:(\\d+)/");
    private static final int COMMANDS = 25;
    @RegisterExtension
    static final SharedPostgres pg = new SharedPostgres();

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private FrozenProxy proxy;
    private String url;
    private final List<BotProcess> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        telegram = new FakeBotApi();
        url = pg.freshUrl();
        Matcher m = PORT.matcher(url);
        assertThat(m.find()).isTrue();
        proxy = new FrozenProxy(Integer.parseInt(m.group(1)));
        Files.createDirectories(dir.resolve("schedules"));
        // Run once by hand at start (--now), so that /status has results and names the host it was asked for.
        Files.writeString(dir.resolve("schedules/sweep.yaml"), """
                id: sweep
                description: load, once by hand
                cron: "0 0 12 1 1 ?"
                time-zone: UTC
                checks: [load]
                report: changes
                misfire: skip
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (BotProcess p : processes) {
            p.close();
        }
        proxy.close();
        telegram.close();
    }

    @Test
    void aLeaderCutOffFromTheDatabase_leavesEveryCommandToTheNext_andEachIsAnsweredExactlyOnce_whileItsHealthzAnswersInASecond() throws Exception {
        String throughProxy = url.replaceFirst("//([^:/]+):\\d+/", "//$1:" + proxy.port() + "/");
        BotProcess a = start("a", "127.0.0.1", throughProxy, "--now", "sweep");
        a.awaitLine(l -> l.contains("leadership taken instance=a"), START);
        a.awaitRunning(START);
        await().atMost(START).until(() -> query("SELECT COUNT(*) FROM runs WHERE status = 'finished'").equals("1"));
        BotProcess b = start("b", "localhost", url);
        b.awaitRunning(START);
        int aPort = httpPort(a);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<Long> healthMillis = new ArrayList<>();
        List<String> healthBodies = new ArrayList<>();
        for (int i = 1; i <= COMMANDS; i++) {
            telegram.userSends(7, 42, "/status h" + i);
            if (i == 5) {
                proxy.freeze();
            }
            if (i > 5) {
                long began = System.nanoTime();
                // A probe with Kubernetes' default timeout: no answer within a second fails the request.
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + aPort + "/healthz"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                healthMillis.add((System.nanoTime() - began) / 1_000_000);
                healthBodies.add(r.statusCode() + " " + r.body().strip());
            }
            await().pollDelay(Duration.ofMillis(700)).until(() -> true);
        }

        // b leads once a's lease has run out, takes every command a left, and answers each once.
        b.awaitLine(l -> l.contains("leadership taken instance=b"), START);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> answered().size() >= COMMANDS);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("answered: " + answered() + "\n--- a:\n" + a.tail(40) + "\n--- b:\n" + b.tail(40), e);
        }
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> answered().size() == COMMANDS);
        List<String> answers = answered();
        for (int i = 1; i <= COMMANDS; i++) {
            String host = "'h" + i + "'";
            assertThat(answers.stream().filter(t -> t.contains(host))).as("answers to /status h%d", i).hasSize(1);
        }
        assertThat(telegram.calls("sendMessage")).noneMatch(c -> c.params().get("text").contains("audit log cannot be written"));
        assertThat(a.isAlive()).isTrue();
        assertThat(query("SELECT holder FROM leader_lease")).isEqualTo("b");

        assertThat(healthMillis).isNotEmpty().allMatch(ms -> ms <= 1000);
        assertThat(healthBodies).last().asString().startsWith("503 unhealthy: database unavailable");
    }

    private List<String> answered() {
        return telegram.calls("sendMessage").stream().map(c -> c.params().get("text")).filter(t -> t.contains("No check has run on host")).toList();
    }

    private BotProcess start(String instance, String telegramHost, String storeUrl, String... extra) throws IOException {
        Path config = dir.resolve(instance + ".yaml");
        Files.writeString(config, ClusterConfigs.instance(instance, instance, storeUrl,
                "http://" + telegramHost + ":" + telegram.url().getPort(), LEASE, ""));
        BotProcess p = BotProcess.start(config, dir.resolve(instance + ".log"), extra);
        processes.add(p);
        return p;
    }

    private static int httpPort(BotProcess p) throws Exception {
        Matcher m = HTTP.matcher(p.awaitLine(l -> HTTP.matcher(l).find(), Duration.ofSeconds(5)));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
