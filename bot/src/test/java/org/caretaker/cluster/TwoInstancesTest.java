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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.BotProcess;
import org.caretaker.chat.telegram.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code caretaker run} processes on one PostgreSQL database, talking to one fake Telegram: one under the
 * name {@code 127.0.0.1}, the other under {@code localhost}, so the fake can tell who polls.
 */
class TwoInstancesTest {
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern FIRED = Pattern.compile("job fired job=(\\S+) trigger=schedule scheduledFor=(\\S+) ");
    private static final Pattern HTTP = Pattern.compile("caretaker running .* http=127\\.0\\.0\\.1:(\\d+) ");
    private static final String INTERRUPTED = "a run was interrupted";
    @RegisterExtension
    static final SharedPostgres pg = new SharedPostgres();

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private SlowEndpoint slow;
    private String url;
    private final List<BotProcess> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        telegram = new FakeBotApi();
        // Reports go to the private chat 42; its user has started the bot, or Telegram would refuse them (403).
        telegram.opened(42);
        slow = new SlowEndpoint();
        url = pg.freshUrl();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (BotProcess p : processes) {
            p.close();
        }
        telegram.close();
        slow.close();
    }

    @Test
    void twoInstances_runEachFireOnce_andOnlyTheLeaderTalksToTelegram() throws Exception {
        // Both at the same seconds, on the same check and host: their runs finish at once, on one instance or
        // on both, and every one of them must still be stored.
        schedule("tick", "0/5 * * * * ?", "load");
        schedule("tock", "0/5 * * * * ?", "load");
        BotProcess a = start("a", "127.0.0.1");
        String aRunning = a.awaitLine(l -> l.contains("caretaker running"), START);
        BotProcess b = start("b", "localhost");
        String bRunning = b.awaitLine(l -> l.contains("caretaker running"), START);
        assertThat(aRunning).contains("cluster=true instance=a leader=true");
        assertThat(bRunning).contains("cluster=true instance=b leader=false");

        // Both instances share two jobs that fire every five seconds until each job has run six times and each
        // instance has run some (about thirty seconds).
        await("six runs of each job, on both instances").atMost(WAIT).until(() ->
                count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'schedule' AND status = 'finished'", "tick") >= 6
                        && count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'schedule' AND status = 'finished'", "tock") >= 6
                        && strings("SELECT DISTINCT instance FROM runs WHERE job IN ('tick', 'tock')").size() == 2);

        assertThat(get(a, "/metrics")).contains("caretaker_leader 1\n");
        assertThat(get(b, "/metrics")).contains("caretaker_leader 0\n").contains("caretaker_scheduler_up 1\n");
        assertThat(get(b, "/healthz")).startsWith("ok");
        assertThat(leaseHolder()).contains("a");
        assertThat(new HashSet<>(telegram.pollHosts())).as("only the leader polls").containsExactly(host(telegram, "127.0.0.1"));

        // The follower first: the leader's last outbox pass then sends what both queued. Each between fires, so
        // that no run is cut short on its way from its findings to its report.
        awaitBetweenFires();
        b.stop(Duration.ofSeconds(60));
        awaitBetweenFires();
        a.stop(Duration.ofSeconds(60));

        // Every fire time of each job appears in exactly one of the two logs, with no gap between the first and last.
        Map<String, List<Instant>> fired = new TreeMap<>();
        for (BotProcess p : List.of(a, b)) {
            for (String line : p.lines()) {
                Matcher m = FIRED.matcher(line);
                if (m.find()) {
                    fired.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Instant.parse(m.group(2)));
                }
            }
        }
        assertThat(fired.keySet()).containsExactly("tick", "tock");
        for (Map.Entry<String, List<Instant>> e : fired.entrySet()) {
            TreeSet<Instant> times = new TreeSet<>(e.getValue());
            assertThat(times).as("fire times of %s, each once", e.getKey()).hasSameSizeAs(e.getValue());
            assertThat(times.size()).isGreaterThanOrEqualTo(6);
            assertThat(Duration.between(times.first(), times.last()).toSeconds())
                    .as("no fire of %s missing", e.getKey()).isEqualTo(5L * (times.size() - 1));
            assertThat(count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'schedule'", e.getKey()))
                    .as("one run record per fire of %s", e.getKey()).isEqualTo(times.size());
        }
        assertThat(strings("SELECT DISTINCT instance FROM runs WHERE job IN ('tick', 'tock')")).as("both instances ran some")
                .containsExactlyInAnyOrder("a", "b");

        // Each run's report was queued once and delivered once.
        int queued = count("SELECT COUNT(*) FROM outbox WHERE channel = 'telegram:42'");
        assertThat(queued).isEqualTo(count("SELECT COUNT(*) FROM runs WHERE job IN ('tick', 'tock') AND status = 'finished'"));
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")).isZero();
        assertThat(telegram.calls("sendMessage")).hasSize(queued);
    }

    @Test
    void killingTheLeaderMidJob_handsChatAndTheJobToTheOther_withNothingLostOrSaidTwice() throws Exception {
        schedule("tick", "0/5 * * * * ?", "load");
        schedule("slow-1", "0/10 * * * * ?", "http-endpoints");
        schedule("slow-2", "5/10 * * * * ?", "http-endpoints");
        slow.holdFor(Duration.ofSeconds(8));
        // Both at once on an empty database: one migrates the schema and the other waits; either may lead.
        BotProcess a = start("a", "127.0.0.1");
        BotProcess b = start("b", "localhost");
        a.awaitRunning(START);
        b.awaitRunning(START);
        assertThat(List.of(a.awaitLine(l -> l.contains("caretaker running"), START), b.awaitLine(l -> l.contains("caretaker running"), START)))
                .filteredOn(l -> l.endsWith("leader=true")).hasSize(1);
        Map<String, BotProcess> byInstance = Map.of("a", a, "b", b);

        // Wait for a slow run on whichever instance leads, and kill that instance in the middle of it: two to
        // four seconds into the run, between two ticks, when the outbox is empty. (A kill in the instant between
        // Telegram taking a message and the database hearing so would send that message again; nothing can
        // tell those apart.)
        Run killed = await("a slow run on the leader, killed two to four seconds in").atMost(Duration.ofMinutes(3))
                .until(() -> killLeaderInASlowRun(byInstance), Optional::isPresent).orElseThrow();
        String survivorId = killed.instance().equals("a") ? "b" : "a";
        BotProcess survivor = byInstance.get(survivorId);
        String survivorHost = host(telegram, survivorId.equals("a") ? "127.0.0.1" : "localhost");
        int pollsBefore = telegram.pollHosts().size();
        slow.holdFor(Duration.ZERO);

        // The survivor leads within the lease (plus a generous margin) and polls Telegram.
        survivor.awaitLine(l -> l.contains("leadership taken instance=" + survivorId), LEASE.plusSeconds(60));
        await("the survivor polls Telegram").atMost(WAIT).until(() -> telegram.pollHosts().subList(pollsBefore, telegram.pollHosts().size()).contains(survivorHost));
        assertThat(leaseHolder()).contains(survivorId);

        // The interrupted job runs again once, as recovered, and the interruption is told once.
        Run gone = killed;
        await("the recovered run finished").atMost(WAIT)
                .until(() -> count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'recovery' AND status = 'finished'", gone.job()) == 1);
        await("the killed run marked abandoned").atMost(WAIT).until(() -> status(gone.id()).equals("abandoned"));
        await("the interruption told").atMost(WAIT).until(() -> interruptedMessages(gone.id()) == 1);
        // One more ordinary run of the job after the recovery: a second recovery would have come before it.
        int ordinary = count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'schedule' AND status = 'finished'", gone.job());
        await("one more ordinary run").atMost(WAIT)
                .until(() -> count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'schedule' AND status = 'finished'", gone.job()) > ordinary);
        survivor.stop(Duration.ofSeconds(60));

        assertThat(count("SELECT COUNT(*) FROM runs WHERE job = ? AND trigger_kind = 'recovery'", gone.job())).isEqualTo(1);
        assertThat(strings("SELECT instance FROM runs WHERE job = ? AND trigger_kind = 'recovery'", gone.job())).containsExactly(survivorId);
        assertThat(interruptedMessages(gone.id())).isEqualTo(1);
        // Whatever else the kill cut short is marked and told once too.
        for (String id : strings("SELECT CAST(id AS VARCHAR) FROM runs WHERE status = 'abandoned'")) {
            assertThat(interruptedMessages(Long.parseLong(id))).as("interruption of run %s told once", id).isEqualTo(1);
        }
        assertThat(telegram.calls("sendMessage").stream().filter(c -> c.params().get("text").contains(INTERRUPTED)))
                .hasSize(count("SELECT COUNT(*) FROM runs WHERE status = 'abandoned'"));
        assertThat(count("SELECT COUNT(*) FROM runs WHERE status = 'running' AND instance = ?", gone.instance()))
                .as("nothing of the dead instance is left running").isZero();

        // Every report queued, before the kill or after, went out exactly once.
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")).isZero();
        assertThat(telegram.calls("sendMessage")).hasSize(count("SELECT COUNT(*) FROM outbox WHERE channel = 'telegram:42'"));
    }

    // ---- the lab ----

    private void schedule(String id, String cron, String check) throws IOException {
        Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(dir.resolve("schedules").resolve(id + ".yaml"), """
                id: %s
                description: %s every few seconds
                cron: "%s"
                time-zone: UTC
                checks: [%s]
                report: always
                misfire: run-once
                """.formatted(id, check, cron, check));
    }

    private BotProcess start(String instance, String telegramHost) throws IOException {
        Path config = dir.resolve(instance + ".yaml");
        Files.writeString(config, ClusterConfigs.instance(instance, instance, url, "http://" + telegramHost + ":" + telegram.url().getPort(),
                LEASE, """
                    expect:
                      endpoints:
                        - name: slow
                          url: %s
                """.formatted(slow.url())));
        BotProcess p = BotProcess.start(config, dir.resolve(instance + ".log"));
        processes.add(p);
        return p;
    }

    private static String host(FakeBotApi api, String name) {
        return name + ":" + api.url().getPort();
    }

    private static String get(BotProcess p, String path) throws Exception {
        String line = p.awaitLine(l -> HTTP.matcher(l).find(), Duration.ofSeconds(5));
        Matcher m = HTTP.matcher(line);
        m.find();
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private long interruptedMessages(long runId) {
        return telegram.calls("sendMessage").stream()
                .map(c -> c.params().get("text"))
                .filter(t -> t.contains(INTERRUPTED) && t.contains("Run " + runId + " of "))
                .count();
    }

    // ---- the shared database ----

    /** A run still going, and for how long by the database's clock. */
    record Run(long id, String job, String instance, double secondsSoFar) {
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    private Optional<String> leaseHolder() throws SQLException {
        List<String> h = strings("SELECT holder FROM leader_lease WHERE expires_at >= CURRENT_TIMESTAMP");
        return h.stream().findFirst();
    }

    private List<Run> running(String jobLike) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(
                "SELECT id, job, instance, EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - started_at) FROM runs WHERE job LIKE ? AND status = 'running' ORDER BY id")) {
            p.setString(1, jobLike);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
                }
            }
        }
        return out;
    }

    private String status(long id) throws SQLException {
        return strings("SELECT status FROM runs WHERE id = ?", Long.toString(id)).get(0);
    }

    private int count(String sql, String... args) throws SQLException {
        return Integer.parseInt(strings(sql, args).get(0));
    }

    private List<String> strings(String sql, String... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement(sql.replace("id = ?", "id = CAST(? AS BIGINT)"))) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * Kills the leader if it is two to four seconds into a slow run, between two ticks, with the outbox empty;
     * returns the run it cut short.
     */
    private Optional<Run> killLeaderInASlowRun(Map<String, BotProcess> byInstance) throws Exception {
        Optional<String> leader = leaseHolder();
        if (leader.isEmpty() || slow.holding() == 0 || count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") != 0) {
            return Optional.empty();
        }
        for (Run r : running("slow-%")) {
            if (r.instance().equals(leader.get()) && r.secondsSoFar() >= 2 && r.secondsSoFar() < 4) {
                byInstance.get(r.instance()).kill();
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Waits for a moment well after the fires at 0 and 2 seconds of each five, with no run going. */
    private void awaitBetweenFires() {
        await("a moment between fires with no run going").atMost(WAIT).until(() -> {
            long intoCycle = System.currentTimeMillis() % 5000;
            return intoCycle >= 3000 && intoCycle < 4500 && running("%").isEmpty();
        });
    }
}
