package org.caretaker.chat.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caretaker.chat.AuditLog;
import org.caretaker.chat.Bench;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.caretaker.outbox.DeliveryException;
import org.caretaker.report.Report;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter with the real telegrambots client against {@link FakeBotApi} over HTTP on loopback, and the
 * chat core of {@link Bench} (real router, access policy, audit log and /status on H2). Chat -100 is
 * allowed; telegram:1 is an admin, telegram:3 a viewer, telegram:77 nobody.
 */
class TelegramAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long CHAT = -100;

    @TempDir
    Path dir;
    Bench bench;
    FakeBotApi api;
    TelegramAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        bench = new Bench(dir);
        api = new FakeBotApi();
        adapter = new TelegramAdapter(new ChatConfig.Telegram(Secret.of(FakeBotApi.TOKEN), api.url(), List.of(CHAT)), bench.router, bench.registry);
        adapter.start();
        api.await("getUpdates", 1);
    }

    @AfterEach
    void stop() {
        adapter.close();
        api.close();
        bench.close();
    }

    @Test
    void start_registersTheCommandMenuFromTheRegistry() throws Exception {
        JsonNode commands = JSON.readTree(api.await("setMyCommands", 1).get(0).params().get("commands"));

        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.get("command").asText()));
        assertThat(names).containsExactly("status", "check", "schedule", "run", "ack", "hosts", "help");
        assertThat(commands.get(0).get("description").asText()).isEqualTo("Shows what is wrong now, from the latest stored results.");
        assertThat(api.calls("getMe")).hasSize(1);
    }

    @Test
    void allowedUser_runsStatus_andGetsTheAnswerWithHostTextEscaped() throws Exception {
        Instant t = Instant.parse("2026-12-03T06:00:00Z");
        long run = bench.store.startRun("daily-sanity", "schedule", "daily-sanity", t);
        bench.store.finishRun(run, t, List.of(new Finding("zfs-pools", "nas", "tank", Severity.CRIT,
                "pool <tank> & \"</pre><b>\" is DEGRADED", Map.of(), "runbook/zfs#degraded-pool")), RunStatus.FINISHED, "");

        api.userSends(1, CHAT, "/status");

        FakeBotApi.Call answer = api.await("sendMessage", 1).get(0);
        assertThat(answer.params()).containsEntry("chat_id", "-100").containsEntry("parse_mode", "html");
        String text = answer.params().get("text");
        assertThat(text).startsWith("🔴 <b>Status CRIT: 1 CRIT across 1 check on 1 host</b>")
                .contains("pool &lt;tank&gt; &amp; \"&lt;/pre&gt;&lt;b&gt;\" is DEGRADED")
                .contains("→ runbook/zfs#degraded-pool")
                .doesNotContain("<tank>");
        assertThat(FakeBotApi.htmlProblem(text, "HTML")).isNull();
        assertThat(bench.audit.recent(1)).singleElement().satisfies(e -> {
            assertThat(e.user()).isEqualTo("telegram:1");
            assertThat(e.channel()).isEqualTo("telegram:-100");
            assertThat(e.outcome()).isEqualTo(AuditLog.Outcome.ALLOW);
        });
    }

    @Test
    void commandsAddressedToThisBot_areAnswered_andThoseForAnotherBotIgnored() throws Exception {
        api.userSends(1, CHAT, "/status@other_bot");
        api.userSends(1, CHAT, "/status@" + FakeBotApi.BOT_NAME);
        api.userSends(1, CHAT, "just talking");
        api.userSends(1, CHAT, "/help");

        List<FakeBotApi.Call> sent = api.await("sendMessage", 2);
        api.awaitConsumed();

        assertThat(sent.get(0).params().get("text")).startsWith("❔ <b>Nothing checked yet</b>");
        assertThat(sent.get(1).params().get("text")).contains("/status");
        assertThat(bench.audit.recent(10)).hasSize(2);
    }

    @Test
    void deniedUser_getsOneSentenceRefusal_andNothingRuns() throws Exception {
        api.userSends(77, CHAT, "/check all");

        String text = api.await("sendMessage", 1).get(0).params().get("text");

        assertThat(text).isEqualTo("⚠️ <b>Not allowed</b>\n\nNot allowed: telegram:77 is not on the access list.");
        assertThat(bench.checks.calls).isEmpty();
        assertThat(bench.audit.recent(1).get(0).outcome()).isEqualTo(AuditLog.Outcome.DENY);
    }

    @Test
    void confirmationFlow_runButton_pressed_confirmsAndRunsTheJob() throws Exception {
        api.userSends(1, CHAT, "/run weekly-snapraid");

        FakeBotApi.Call asked = api.await("sendMessage", 1).get(0);
        assertThat(asked.params().get("text")).startsWith("⚠️ <b>/run weekly-snapraid changes a host: confirm it</b>");
        JsonNode button = JSON.readTree(asked.params().get("reply_markup")).get("inline_keyboard").get(0).get(0);
        assertThat(button.get("text").asText()).isEqualTo("Confirm /run weekly-snapraid");
        String data = button.get("callback_data").asText();
        assertThat(data).matches("/confirm [0-9a-z]+");
        assertThat(bench.jobs.started).isEmpty();

        api.userPresses(1, asked, data);

        api.await("answerCallbackQuery", 1);
        List<FakeBotApi.Call> sent = api.await("sendMessage", 2);
        assertThat(bench.jobs.started).containsExactly("weekly-snapraid chat:telegram:1");
        assertThat(sent.get(1).params().get("text")).contains("weekly-snapraid started");
        FakeBotApi.Call edited = api.await("editMessageText", 1).get(0);
        assertThat(edited.params().get("message_id")).isEqualTo(asked.params().get("message_id"));
        assertThat(edited.params().get("text")).endsWith("→ @user1 pressed " + data);
        assertThat(edited.params()).doesNotContainKey("reply_markup");
        assertThat(bench.audit.recent(1).get(0).outcome()).isEqualTo(AuditLog.Outcome.CONFIRMED);
    }

    @Test
    void anotherUserPressingTheButton_doesNotConfirm() throws Exception {
        api.userSends(1, CHAT, "/run weekly-snapraid");
        FakeBotApi.Call asked = api.await("sendMessage", 1).get(0);
        String data = JSON.readTree(asked.params().get("reply_markup")).get("inline_keyboard").get(0).get(0).get("callback_data").asText();

        api.userPresses(2, asked, data);

        assertThat(api.await("sendMessage", 2).get(1).params().get("text"))
                .isEqualTo("⚠️ <b>Not confirmed</b>\n\nOnly the person who asked can confirm, in the channel where they asked.");
        assertThat(bench.jobs.started).isEmpty();
    }

    @Test
    void someoneOffTheAccessListPressingTheButton_leavesTheConfirmationMessageAlone() throws Exception {
        api.userSends(1, CHAT, "/run weekly-snapraid");
        FakeBotApi.Call asked = api.await("sendMessage", 1).get(0);
        String data = JSON.readTree(asked.params().get("reply_markup")).get("inline_keyboard").get(0).get(0).get("callback_data").asText();

        api.userPresses(77, asked, data);

        assertThat(api.await("sendMessage", 2).get(1).params().get("text")).startsWith("⚠️ <b>Not ");
        assertThat(api.calls("editMessageText")).as("the button stays for the admin who asked").isEmpty();
        assertThat(bench.jobs.started).isEmpty();
    }

    @Test
    void messageFromAChatNotAllowed_isIgnored_andAudited() throws Exception {
        api.userSends(1, -555, "/check all");
        api.userSends(1, CHAT, "/help");

        api.await("sendMessage", 1);
        api.awaitConsumed();

        assertThat(api.calls("sendMessage")).singleElement().satisfies(c -> assertThat(c.params()).containsEntry("chat_id", "-100"));
        assertThat(bench.checks.calls).isEmpty();
        AuditLog.Entry ignored = bench.audit.recent(2).get(1);
        assertThat(ignored.user()).isEqualTo("telegram:1");
        assertThat(ignored.channel()).isEqualTo("telegram-unlisted:-555");
        assertThat(ignored.command()).isEqualTo("check");
        assertThat(ignored.outcome()).isEqualTo(AuditLog.Outcome.DENY);
        assertThat(ignored.reason()).isEqualTo("commands are not taken in this channel");
    }

    @Test
    void output_of50KB_arrivesComplete_asADocument() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; lines.stream().mapToInt(String::length).sum() < 50_000; i++) {
            lines.add(String.format("line %05d: /dev/sd%c <ok> & fine", i, 'a' + i % 26));
        }
        Report big = new Report("snapraid diff", Severity.OK,
                List.of(new Report.Section("Output", lines.stream().map(Report.Line::code).toList())), List.of(), List.of());

        adapter.deliver("telegram:-100", big);

        String summary = api.await("sendMessage", 1).get(0).params().get("text");
        assertThat(summary).startsWith("✅ <b>snapraid diff</b>").contains("attached as report.txt");
        FakeBotApi.Call doc = api.await("sendDocument", 1).get(0);
        assertThat(doc.params()).containsEntry("chat_id", "-100").containsEntry("caption", "report.txt");
        List<String> received = doc.files().get("report.txt").lines().map(String::strip).toList();
        assertThat(received).containsSubsequence(lines);
    }

    @Test
    void output_ofThreeMessages_isSplit_andEveryLineArrives() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add(String.format("line %03d: <%s> & more text to make it longer", i, "x".repeat(i % 7)));
        }
        Report report = new Report("listing", Severity.WARN,
                List.of(new Report.Section("Output", lines.stream().map(Report.Line::code).toList())),
                List.of(new Report.Attachment("raw.log", "raw output\n")), List.of());

        adapter.deliver("telegram:-100", report);

        // The attachment goes after the messages: once it is there, every message is.
        assertThat(api.await("sendDocument", 1).get(0).files()).containsEntry("raw.log", "raw output\n");
        List<FakeBotApi.Call> sent = api.calls("sendMessage");
        assertThat(sent).hasSizeBetween(2, 3);
        List<String> received = new ArrayList<>();
        for (FakeBotApi.Call c : sent) {
            assertThat(c.params().get("text")).contains("<pre>").endsWith("</pre>");
            FakeBotApi.unescape(FakeBotApi.stripTags(c.params().get("text"))).lines().forEach(received::add);
        }
        assertThat(received).containsSubsequence(lines);
    }

    @Test
    void telegramUnreachableAtStart_theBotStartsAnyway_andPollsOnceItIsBack() throws Exception {
        adapter.close();
        api.mode(FakeBotApi.Mode.BAD_GATEWAY);
        adapter = new TelegramAdapter(new ChatConfig.Telegram(Secret.of(FakeBotApi.TOKEN), api.url(), List.of(CHAT)), bench.router, bench.registry);

        adapter.start();
        api.awaitRefused("getMe");
        api.mode(FakeBotApi.Mode.UP);
        api.userSends(1, CHAT, "/help");

        assertThat(api.await("sendMessage", 1).get(0).params().get("text")).contains("/status");
        assertThat(api.calls("getMe")).hasSize(2);
    }

    @Test
    void rateLimited_deliveryFails_withTheWaitTelegramAskedFor() {
        api.mode(FakeBotApi.Mode.RATE_LIMITED);

        assertThatThrownBy(() -> adapter.deliver("telegram:-100", Report.text("t", Severity.OK, "x")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).doesNotContain(FakeBotApi.TOKEN);
                });
    }

    @Test
    void deliveryToAChannelOfAnotherPlatform_fails() {
        assertThatThrownBy(() -> adapter.deliver("discord:900", Report.text("t", Severity.OK, "x")))
                .isInstanceOf(DeliveryException.class).hasMessage("not a Telegram chat: discord:900");
        assertThat(adapter.platform()).isEqualTo("telegram");
    }
}
