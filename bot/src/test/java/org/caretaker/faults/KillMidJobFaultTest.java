package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caretaker.BotProcess;
import org.caretaker.chat.telegram.FakeBotApi;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot killed with SIGKILL in the middle of a job and started again on the same H2 file: a real
 * {@code caretaker run} process, the fake Telegram Bot API and a web endpoint in this JVM that holds its
 * answer, so the job {@code slow} is surely running when the kill comes. Before the kill, the job
 * {@code quick} found an endpoint down and queued its report while Telegram was down too.
 *
 * <p>After the restart: the interrupted run is announced once and re-run exactly once as a recovery;
 * the report queued before the kill arrives exactly once; the endpoint already announced as down is not
 * announced again when {@code quick} runs in the new life.
 */
class KillMidJobFaultTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private FakeBotApi api;
    private HeldEndpoint slow;
    private BotProcess bot;

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (slow != null) {
            slow.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private Path config() throws Exception {
        slow = new HeldEndpoint(n -> true);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(dir.resolve("schedules/quick.yaml"), """
                id: quick
                cron: "0 0 3 1 1 ? 2099"
                checks: [http-endpoints]
                hosts: { names: [here] }
                channels: [ "telegram:-100" ]
                """);
        Files.writeString(dir.resolve("schedules/slow.yaml"), """
                id: slow
                cron: "0 0 3 1 1 ? 2099"
                checks: [http-endpoints]
                hosts: { names: [there] }
                channels: [ "telegram:-100" ]
                """);
        return Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: here
                    local: true
                    expect:
                      endpoints:
                        - { name: gone, url: "http://127.0.0.1:%d/" }
                  - name: there
                    local: true
                    expect:
                      endpoints:
                        - { name: slow, url: "http://127.0.0.1:%d/", max-latency: 5m }
                    thresholds:
                      http-endpoints: { timeout-seconds: 110 }
                schedules: schedules
                store: { data-dir: data }
                http: { listen: "127.0.0.1:0" }
                chat:
                  console: false
                  telegram: { token: "%s", api-url: "%s", chats: [-100] }
                alerts: { channels: [ "telegram:-100" ] }
                """.formatted(closedPort, slow.port(), FakeBotApi.TOKEN, api.url()));
    }

    private List<String> sent(String part) {
        return api.calls("sendMessage").stream().filter(c -> "-100".equals(c.params().get("chat_id")))
                .map(c -> c.params().get("text")).filter(t -> t.contains(part)).toList();
    }

    @Test
    void killedMidJob_theRunIsAnnouncedOnceAndRerunOnce_andQueuedReportsArriveOnce() throws Exception {
        api = new FakeBotApi();
        Path config = config();
        Path log1 = dir.resolve("life1.log");
        Path log2 = dir.resolve("life2.log");

        // Life 1: Telegram is down; quick finds the endpoint down and queues its report; slow hangs on its endpoint.
        api.down();
        bot = BotProcess.start(config, log1, "--now", "quick", "--now", "slow");
        // The bot logs warnings and up: quick's report failing its delivery says quick has finished.
        bot.awaitLine(l -> l.contains("delivery failed id=1 channel=telegram:-100"), START);
        await("slow reaches its endpoint").atMost(START).until(() -> slow.requests() > 0);
        assertThat(slow.requests()).as("slow is waiting on its endpoint").isEqualTo(1);
        bot.kill();
        assertThat(api.calls("sendMessage")).isEmpty();

        // Life 2: everything is back. quick runs again right away; slow is recovered by the scheduler.
        slow.release();
        api.up();
        bot = BotProcess.start(config, log2, "--now", "quick");
        bot.awaitRunning(START);
        await("quick's report, the interruption and slow's recovery").atMost(START).until(() ->
                !sent("<b>quick: ").isEmpty() && !sent("<b>slow: a run was interrupted").isEmpty() && slow.requests() >= 2);
        // Passes run every second and both jobs are quick now: had anything been due again, it would go within these.
        await("nothing more is said or run").during(Duration.ofSeconds(5)).atMost(START)
                .until(() -> api.calls("sendMessage").size() == 2 && slow.requests() == 2);
        bot.stop(Duration.ofSeconds(30));

        assertThat(slow.requests()).as("slow asked its endpoint once in each life").isEqualTo(2);
        assertThat(sent("<b>slow: a run was interrupted")).as("the interruption, announced once").hasSize(1);
        assertThat(sent("<b>quick: ")).as("quick's report from before the kill, delivered once; not news again after it")
                .singleElement().asString().contains("gone");
        assertThat(api.calls("sendMessage")).as("nothing else was said").hasSize(2);

        try (Database db = Database.open(new StoreConfig(dir.resolve("data"), "", "sa", Secret.of(""), Duration.ofDays(400)))) {
            JdbcHistoryStore history = new JdbcHistoryStore(db);
            List<RunRecord> slow = history.runs(Optional.of("slow"), 10);
            assertThat(slow).as("newest first: the recovery, then the interrupted run").hasSize(2);
            assertThat(slow.get(0).triggerKind()).isEqualTo("recovery");
            assertThat(slow.get(0).status()).isEqualTo(RunStatus.FINISHED);
            assertThat(slow.get(1).status()).isNotEqualTo(RunStatus.FINISHED).isNotEqualTo(RunStatus.RUNNING);
            assertThat(history.runs(Optional.of("quick"), 10)).extracting(RunRecord::status).containsExactly(RunStatus.FINISHED, RunStatus.FINISHED);
        }
    }
}
