package org.caretaker.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.caretaker.chat.Bench;
import org.caretaker.check.Severity;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.Secret;
import org.caretaker.http.StoreMetrics;
import org.caretaker.http.WebServer;
import org.caretaker.outbox.ChatSink;
import org.caretaker.outbox.DeliveryException;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.OutboxSender;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter, the real outbox on H2 and its sender thread against a {@link FakeBotApi} that enforces flood
 * control per chat, refuses chats that never wrote to the bot, and checks every request as Telegram would.
 * Real time runs: the fake's limit is measured on the wall clock.
 */
class TelegramFloodControlTest {
    static final long CHAT = -100;

    @TempDir
    Path dir;
    Bench bench;
    FakeBotApi api;
    TelegramAdapter adapter;
    Outbox outbox;
    OutboxSender sender;
    final List<String> console = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bench = new Bench(dir);
        api = new FakeBotApi();
        outbox = new Outbox(bench.db, Clock.systemUTC());
        adapter = new TelegramAdapter(new ChatConfig.Telegram(Secret.of(FakeBotApi.TOKEN), api.url(), List.of(CHAT)), bench.router,
                bench.registry, new TelegramRenderer(), Optional.of(outbox));
        ChatSink consoleSink = new ChatSink() {
            @Override
            public String platform() {
                return "console";
            }

            @Override
            public void deliver(String channel, Report report) throws DeliveryException {
                synchronized (console) {
                    console.add(report.title() + " | " + String.join(" | ", report.sections().get(0).lines().stream().map(Report.Line::text).toList()));
                }
            }
        };
        sender = new OutboxSender(outbox, List.of(consoleSink, adapter), Clock.systemUTC(), Optional.of("console:local"));
        sender.start();
    }

    @AfterEach
    void stop() {
        sender.close();
        adapter.close();
        api.close();
        bench.close();
    }

    private List<String> texts(String chat) {
        return api.calls("sendMessage").stream().filter(c -> c.params().get("chat_id").equals(chat)).map(c -> c.params().get("text")).toList();
    }

    @Test
    void aBurstOfSixCommandsUnderOneMessageASecondWithALongRetryAfter_getsEveryAnswerOnce_inOrder() throws Exception {
        api.limitPerChat(Duration.ofSeconds(1), 4);
        adapter.start();
        api.await("getUpdates", 1);
        List<String> commands = List.of("/status", "/help", "/schedule", "/first-unknown", "/second-unknown", "/third-unknown");
        commands.forEach(c -> api.userSends(1, CHAT, c));

        await().atMost(Duration.ofSeconds(40)).until(() -> outbox.depth() == 0 && texts("-100").size() >= 6);

        List<String> answers = texts("-100");
        assertThat(answers).hasSize(6).doesNotHaveDuplicates();
        assertThat(answers.get(0)).contains("Nothing checked yet");
        assertThat(answers.get(1)).containsIgnoringCase("command");
        assertThat(answers.get(2)).contains("daily-sanity");
        assertThat(answers.get(3)).contains("/first-unknown");
        assertThat(answers.get(4)).contains("/second-unknown");
        assertThat(answers.get(5)).contains("/third-unknown");
        assertThat(api.malformed()).isEmpty();
        // Paced below the limit up front, the bot is never even told to wait.
        assertThat(api.limited()).isEmpty();
    }

    @Test
    void aMultiPartAlertInterruptedByRateLimits_deliversEveryPartOnce_inOrder() throws Exception {
        // Three text parts and two documents; the fake allows one message every 1.5 s, so the bot's own pacing
        // (1.1 s) runs into 429s and must resume where it stopped.
        api.limitPerChat(Duration.ofMillis(1500), 1);
        List<String> lines = IntStream.range(0, 150).mapToObj(i -> "line " + i + " of a long alert, with host text <b> & ** ||").toList();
        Report alert = new Report("long alert", Severity.CRIT, List.of(new Report.Section("", lines.stream().map(Report.Line::plain).toList())),
                List.of(new Report.Attachment("a.txt", "first file"), new Report.Attachment("b.txt", "second file")), List.of());
        int texts = new TelegramRenderer().render(alert).messages().size();
        assertThat(texts).isGreaterThan(1);
        assertThat(adapter.parts(alert)).isEqualTo(texts + 2);

        outbox.enqueue("telegram:-100", alert);

        await().atMost(Duration.ofSeconds(40)).until(() -> outbox.depth() == 0);
        List<String> sent = texts("-100");
        assertThat(sent).hasSize(texts).doesNotHaveDuplicates();
        assertThat(sent.get(0)).startsWith("🔴 <b>long alert</b>");
        assertThat(String.join("", sent)).contains("line 0 of", "line 149 of");
        assertThat(api.calls("sendDocument")).extracting(c -> c.files().keySet().iterator().next()).containsExactly("a.txt", "b.txt");
        assertThat(api.limited()).isNotEmpty();
        assertThat(api.malformed()).isEmpty();
    }

    @Test
    void aChatThatRefusesTheBot_becomesADeadLetter_reportedOnTheConsole_andLaterMessagesFlow() throws Exception {
        outbox.enqueue("telegram:4242", Report.text("to a stranger", Severity.WARN, "never wrote to the bot"));
        outbox.enqueue("telegram:4242", Report.text("second to the stranger", Severity.WARN, "also refused"));
        outbox.enqueue("telegram:-100", Report.text("to the group", Severity.OK, "arrives"));
        api.opened(4243);
        outbox.enqueue("telegram:4243", Report.text("to a user who wrote", Severity.OK, "arrives too"));

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.depth() == 0 && console.size() >= 2);

        assertThat(texts("-100")).containsExactly("✅ <b>to the group</b>\n\narrives");
        assertThat(texts("4243")).hasSize(1);
        assertThat(outbox.deadLetters()).isEqualTo(2);
        try (WebServer web = new WebServer(new HttpConfig("127.0.0.1", 0),
                new StoreMetrics(bench.store, List.of(), outbox, () -> true, () -> true))) {
            web.start();
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("caretaker_outbox_failed_total 2\n", "caretaker_outbox_depth 0\n");
        }
        assertThat(console).hasSize(2);
        assertThat(console.get(0)).contains("telegram:4242", "to a stranger", "bot can't initiate conversation with a user");
        // Dead letters are given up, not retried: no more attempts on later passes.
        int before = api.calls("sendMessage").size();
        sender.wake();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> api.calls("sendMessage").size() == before);
    }
}
