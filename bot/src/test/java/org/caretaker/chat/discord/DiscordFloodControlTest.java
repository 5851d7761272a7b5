package org.caretaker.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caretaker.chat.Bench;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.check.Severity;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.OutboxSender;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter with the real JDA client against a {@link FakeDiscord} that enforces Discord's documented
 * limits and a per-channel rate limit, and the real outbox on H2. Real time runs: the limit is measured on the
 * wall clock.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DiscordFloodControlTest {
    @TempDir
    Path dir;
    FakeDiscord discord;
    Bench bench;
    DiscordAdapter adapter;

    @BeforeEach
    void setUp() throws Exception {
        discord = new FakeDiscord();
        bench = new Bench(dir, DiscordAdapterTest.ACCESS);
        ChatConfig.Discord config = new ChatConfig.Discord(Secret.of(FakeDiscord.TOKEN), FakeDiscord.GUILD, discord.restUrl(),
                discord.gatewayUrl(), List.of(FakeDiscord.REPORTS));
        adapter = new DiscordAdapter(config, bench.router, bench.registry, Completions.of(List.of(), List.of(), List.of()),
                new DiscordRenderer(), Duration.ofSeconds(2), DiscordAdapter.LOGIN_RETRY);
        adapter.start();
        adapter.ready().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        adapter.close();
        discord.close();
        bench.close();
    }

    private static boolean answer(FakeDiscord.Sent s) {
        return (s.kind().equals("callback") && s.callbackType() == 4) || s.kind().equals("follow-up");
    }

    @Test
    void aBurstOfSixCommandsUnderOneMessageASecondWithALongRetryAfter_getsEveryAnswerOnce_inOrder() throws Exception {
        discord.limitPerChannel(Duration.ofSeconds(1), 4.0);
        List<String> commands = List.of("status", "help", "schedule", "first-unknown", "second-unknown", "third-unknown");
        List<String> tokens = new ArrayList<>();
        for (String c : commands) {
            tokens.add(discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, DiscordAdapterTest.ADMIN, List.of(), c, Map.of()));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> discord.sent(DiscordFloodControlTest::answer).size() >= 6);
        // Nothing more comes: no answer twice.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> discord.sent(DiscordFloodControlTest::answer).size() == 6);

        List<FakeDiscord.Sent> answers = discord.sent(DiscordFloodControlTest::answer);
        assertThat(answers).extracting(FakeDiscord.Sent::target).containsExactlyElementsOf(tokens);
        assertThat(answers.get(3).message().toString()).contains("first-unknown");
        assertThat(answers.get(5).message().toString()).contains("third-unknown");
        assertThat(discord.malformed()).isEmpty();
        assertThat(discord.limited()).isNotEmpty();
        for (FakeDiscord.Sent a : answers) {
            assertThat(a.message().path("allowed_mentions").path("parse")).as("allowed mentions of %s", a).isEmpty();
        }
    }

    @Test
    void aMultiPartReportInterruptedByRateLimits_deliversEveryPartOnce_inOrder() throws Exception {
        discord.limitPerChannel(Duration.ofMillis(500), 0.2);
        List<Report.Line> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(Report.Line.plain("line " + i + " of a long alert about @everyone and <@&555> ** || <b>"));
        }
        Report alert = new Report("long alert @everyone", Severity.CRIT, List.of(new Report.Section("", lines)), List.of(), List.of());
        int parts = adapter.parts(alert);
        assertThat(parts).isGreaterThan(2);
        Outbox outbox = new Outbox(bench.db, Clock.systemUTC());
        try (OutboxSender sender = new OutboxSender(outbox, List.of(adapter), Clock.systemUTC())) {
            outbox.enqueue("discord:" + FakeDiscord.REPORTS, alert);
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.depth() == 0);
        }

        List<FakeDiscord.Sent> sent = discord.sent(s -> s.kind().equals("channel"));
        assertThat(sent).hasSize(parts);
        assertThat(sent).extracting(s -> s.payload().toString()).doesNotHaveDuplicates();
        assertThat(sent.get(sent.size() - 1).payload().path("content").asText()).contains("line 119 of");
        assertThat(discord.limited()).isNotEmpty();
        assertThat(discord.malformed()).isEmpty();
        for (FakeDiscord.Sent s : sent) {
            assertThat(s.payload().path("allowed_mentions").path("parse")).isEmpty();
        }
    }

    /** Text that gzip cannot shrink much, as a bundle of binary-ish output would be. */
    private static String incompressible(int bytes) {
        java.util.Random random = new java.util.Random(16);
        StringBuilder sb = new StringBuilder(bytes + 100);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        while (sb.length() < bytes) {
            for (int i = 0; i < 75; i++) {
                sb.append(alphabet.charAt(random.nextInt(64)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void aSixteenMegabyteBundle_arrivesCutUnderTheUploadLimit_afterTheAnswersText() throws Exception {
        Report answer = new Report("containers on nas: CRIT", Severity.CRIT, List.of(Report.Section.of("", "8 containers restart-looping.")),
                List.of(new Report.Attachment("diag-containers-nas.txt", incompressible(16_800_000))), List.of());
        Outbox outbox = new Outbox(bench.db, Clock.systemUTC());
        try (OutboxSender sender = new OutboxSender(outbox, List.of(adapter), Clock.systemUTC())) {
            outbox.enqueue("discord:" + FakeDiscord.REPORTS, answer);
            sender.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.depth() == 0);
        }

        List<FakeDiscord.Sent> sent = discord.sent(s -> s.kind().equals("channel"));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).payload().path("embeds").get(0).path("description").asText()).contains("8 containers restart-looping.");
        assertThat(sent.get(1).files()).containsOnlyKeys("diag-containers-nas.txt.gz");
        assertThat(sent.get(1).payload().path("content").asText()).contains("was cut to fit Discord's upload limit of 10.0 MiB",
                "data/diag/diag-containers-nas.txt");
        assertThat(discord.malformed()).isEmpty();
        assertThat(outbox.deadLetters()).isZero();
    }

    @Test
    void aFileDiscordRefusesAsTooLarge_isADeadLetter_butTheTextArrived_andTheNextReportFlows() throws Exception {
        discord.uploadLimit(1024 * 1024);
        Outbox outbox = new Outbox(bench.db, Clock.systemUTC());
        try (OutboxSender sender = new OutboxSender(outbox, List.of(adapter), Clock.systemUTC())) {
            outbox.enqueue("discord:" + FakeDiscord.REPORTS, new Report("big", Severity.WARN, List.of(Report.Section.of("", "the text")),
                    List.of(new Report.Attachment("big.txt", incompressible(2_000_000))), List.of()));
            outbox.enqueue("discord:" + FakeDiscord.REPORTS, Report.text("next", Severity.OK, "flows"));
            sender.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.depth() == 0);
        }

        assertThat(discord.sent(s -> s.kind().equals("channel"))).extracting(s -> s.payload().path("embeds").get(0).path("title").asText())
                .containsExactly("🟡 big", "🟢 next");
        assertThat(discord.malformed()).singleElement().asString().startsWith("413");
        assertThat(outbox.deadLetters()).isEqualTo(1);
    }

    @Test
    void progressBoards_withHostileNames_neverPing_onPostOrEdit() throws Exception {
        ProgressBoard.Handle h = adapter.open("discord:" + FakeDiscord.REPORTS, "sync of @everyone **bold** ||spoiler|| <b> \u202Eevil");
        adapter.update(h, "still syncing @here <@42> <@&555>");

        List<FakeDiscord.Sent> posted = discord.await(s -> s.kind().equals("channel") || s.kind().equals("edit"), 2);
        for (FakeDiscord.Sent s : posted) {
            JsonNode mentions = s.payload().path("allowed_mentions");
            assertThat(mentions.isObject()).as("allowed_mentions on %s", s.kind()).isTrue();
            assertThat(mentions.path("parse")).isEmpty();
        }
    }
}
