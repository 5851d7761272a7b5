package org.caretaker.chat.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.caretaker.chat.AuditLog;
import org.caretaker.chat.Bench;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Role;
import org.caretaker.config.Secret;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter with the real JDA client against {@link FakeDiscord}, and the real chat core ({@link Bench}) on H2:
 * what a Discord user does, what the router decided, and what arrived at Discord.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscordAdapterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();
    static final String ADMIN = "42";
    static final String OPERATOR = "43";
    static final String STRANGER = "44";
    static final AccessConfig ACCESS = new AccessConfig(
            Map.of("console:local", Set.of(Role.ADMIN), "discord:" + ADMIN, Set.of(Role.ADMIN)),
            Map.of("discord-role:" + FakeDiscord.OPERATOR_ROLE, Set.of(Role.OPERATOR)),
            Set.of("console:local", "discord:" + FakeDiscord.CHANNEL),
            Duration.ofMinutes(5));

    @TempDir
    Path dir;
    FakeDiscord discord;
    Bench bench;
    DiscordAdapter adapter;
    final CountDownLatch slowMayAnswer = new CountDownLatch(1);
    final List<String> dumped = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        discord = new FakeDiscord();
        bench = new Bench(dir, ACCESS);
        bench.registry.register(new Dump()).register(new Slow());
        adapter = start(Duration.ofSeconds(2));
    }

    private DiscordAdapter start(Duration answerWithin) throws Exception {
        ChatConfig.Discord config = new ChatConfig.Discord(Secret.of("fake.bot.token"), FakeDiscord.GUILD, discord.restUrl(), discord.gatewayUrl(),
                List.of(FakeDiscord.REPORTS));
        DiscordAdapter a = new DiscordAdapter(config, bench.router, bench.registry,
                Completions.of(List.of("nas", "pve"), List.of("disk-usage", "zfs-pools"), List.of("daily-sanity", "weekly-snapraid")),
                new DiscordRenderer(), answerWithin, DiscordAdapter.LOGIN_RETRY);
        a.start();
        a.ready().get(20, TimeUnit.SECONDS);
        return a;
    }

    @AfterEach
    void tearDown() {
        slowMayAnswer.countDown();
        adapter.close();
        discord.close();
        bench.close();
    }

    @Test
    void slashCommands_areRegisteredInTheGuild_withAutocompleteForHostsChecksAndJobs() throws Exception {
        JsonNode commands = discord.sent(s -> s.kind().equals("commands")).get(0).payload();

        assertThat(discord.sent(s -> s.kind().equals("commands")).get(0).target()).isEqualTo(FakeDiscord.GUILD);
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("status", "check", "schedule", "run", "ack", "hosts", "help", "dump", "slow", "confirm");
        JsonNode check = commands.get(1);
        assertThat(check.path("description").asText()).isEqualTo(bench.registry.find("check").orElseThrow().spec().summary());
        assertThat(check.path("options").get(0).path("name").asText()).isEqualTo("check");
        assertThat(check.path("options").get(0).path("type").asInt()).isEqualTo(3);
        assertThat(check.path("options").get(0).path("required").asBoolean()).isTrue();
        assertThat(check.path("options").get(0).path("autocomplete").asBoolean()).isTrue();
        assertThat(check.path("options").get(1).path("name").asText()).isEqualTo("host");
        assertThat(check.path("options").get(1).path("required").asBoolean()).isFalse();
        assertThat(check.path("options").get(1).path("autocomplete").asBoolean()).isTrue();
        JsonNode ack = commands.get(4);
        assertThat(ack.path("options").get(1).path("name").asText()).isEqualTo("ttl");
        assertThat(ack.path("options").get(1).path("autocomplete").asBoolean()).isFalse();
    }

    @Test
    void anAllowedUser_runsStatus_andGetsTheAnswer() throws Exception {
        String token = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, ADMIN, List.of(), "status", Map.of());

        FakeDiscord.Sent reply = discord.await(s -> s.target().equals(token), 1).get(0);

        assertThat(reply.kind()).isEqualTo("callback");
        assertThat(reply.callbackType()).isEqualTo(4);
        JsonNode embed = reply.message().path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo(DiscordRenderer.marker(Severity.UNKNOWN) + " Nothing checked yet");
        assertThat(embed.path("color").asInt()).isEqualTo(DiscordRenderer.colour(Severity.UNKNOWN));
        assertThat(embed.path("description").asText()).isEqualTo("No check has run yet: try /check all, or wait for the first schedule.");
        assertThat(reply.message().path("allowed_mentions").path("parse").size()).isZero();
        assertThat(bench.audit.recent(1).get(0).outcome()).isEqualTo(AuditLog.Outcome.ALLOW);
        assertThat(bench.audit.recent(1).get(0).user()).isEqualTo("discord:" + ADMIN);
        assertThat(bench.audit.recent(1).get(0).channel()).isEqualTo("discord:" + FakeDiscord.CHANNEL);
    }

    @Test
    void aDiscordRole_grantsItsRole_andOptionsBecomeArguments() throws Exception {
        String token = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, OPERATOR, List.of(FakeDiscord.OPERATOR_ROLE), "check",
                Map.of("check", "disk-usage", "host", "nas"));

        FakeDiscord.Sent reply = discord.await(s -> s.target().equals(token), 1).get(0);

        assertThat(bench.checks.calls).containsExactly("disk-usage nas chat:discord:" + OPERATOR);
        assertThat(reply.message().path("embeds").get(0).path("color").asInt()).isEqualTo(DiscordRenderer.colour(Severity.CRIT));
        assertThat(reply.message().path("embeds").get(0).path("description").asText()).contains("runbook: `runbook/disks#full`");
    }

    @Test
    void aDeniedUser_getsOneSentence_andNothingRuns() throws Exception {
        String token = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, STRANGER, List.of(), "check", Map.of("check", "disk-usage"));

        FakeDiscord.Sent reply = discord.await(s -> s.target().equals(token), 1).get(0);

        JsonNode embed = reply.message().path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo(DiscordRenderer.marker(Severity.WARN) + " Not allowed");
        assertThat(embed.path("description").asText()).isEqualTo("Not allowed: discord:" + STRANGER + " is not on the access list.");
        assertThat(bench.checks.calls).isEmpty();
        assertThat(bench.audit.recent(1).get(0).outcome()).isEqualTo(AuditLog.Outcome.DENY);
    }

    @Test
    void aCommandFromAnotherGuild_isIgnored_andAudited() throws Exception {
        discord.slash(FakeDiscord.OTHER_GUILD, "777", ADMIN, List.of(), "run", Map.of("job", "daily-sanity"));

        WAITING.alias("the denial is audited").until(() -> !bench.audit.recent(1).isEmpty());
        AuditLog.Entry entry = bench.audit.recent(1).get(0);
        assertThat(entry.outcome()).isEqualTo(AuditLog.Outcome.DENY);
        assertThat(entry.channel()).isEqualTo("discord-guild:" + FakeDiscord.OTHER_GUILD);
        assertThat(entry.reason()).isEqualTo("commands are not taken in this channel");
        assertThat(bench.jobs.started).isEmpty();
        WAITING.alias("nothing is sent to Discord").during(Duration.ofMillis(300)).atMost(WAIT)
                .until(() -> discord.sent(s -> !s.kind().equals("commands")).isEmpty());
    }

    @Test
    void aHostChangingJob_runsOnlyAfterTheConfirmButtonIsPressed() throws Exception {
        String ask = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, ADMIN, List.of(), "run", Map.of("job", "weekly-snapraid"));
        JsonNode question = discord.await(s -> s.target().equals(ask), 1).get(0).message();
        assertThat(bench.jobs.started).isEmpty();
        JsonNode button = question.path("components").get(0).path("components").get(0);
        assertThat(button.path("label").asText()).isEqualTo("Confirm /run weekly-snapraid");
        String customId = button.path("custom_id").asText();
        assertThat(customId).matches("/confirm [0-9a-f]{10}");

        String press = discord.press(FakeDiscord.CHANNEL, ADMIN, List.of(), question, customId);
        JsonNode done = discord.await(s -> s.target().equals(press), 1).get(0).message();

        assertThat(bench.jobs.started).containsExactly("weekly-snapraid chat:discord:" + ADMIN);
        assertThat(done.path("embeds").get(0).path("title").asText()).endsWith(" weekly-snapraid started");
        assertThat(bench.audit.recent(2)).extracting(AuditLog.Entry::outcome)
                .containsExactly(AuditLog.Outcome.CONFIRMED, AuditLog.Outcome.CONFIRM_ASKED);
    }

    @Test
    void theConfirmButton_pressedBySomeoneElse_runsNothing() throws Exception {
        String ask = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, ADMIN, List.of(), "run", Map.of("job", "weekly-snapraid"));
        JsonNode question = discord.await(s -> s.target().equals(ask), 1).get(0).message();
        String customId = question.path("components").get(0).path("components").get(0).path("custom_id").asText();

        String press = discord.press(FakeDiscord.CHANNEL, OPERATOR, List.of(FakeDiscord.OPERATOR_ROLE), question, customId);
        JsonNode refused = discord.await(s -> s.target().equals(press), 1).get(0).message();

        assertThat(refused.path("embeds").get(0).path("description").asText())
                .isEqualTo("Only the person who asked can confirm, in the channel where they asked.");
        assertThat(bench.jobs.started).isEmpty();
    }

    @Test
    void aSlowCommand_isDeferred_andAnsweredInAFollowUp() throws Exception {
        adapter.close();
        adapter = start(Duration.ofMillis(200));
        String token = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, ADMIN, List.of(), "slow", Map.of());

        FakeDiscord.Sent deferral = discord.await(s -> s.target().equals(token), 1).get(0);
        assertThat(deferral.kind()).isEqualTo("callback");
        assertThat(deferral.callbackType()).isEqualTo(5);
        slowMayAnswer.countDown();

        List<FakeDiscord.Sent> both = discord.await(s -> s.target().equals(token), 2);
        assertThat(both.get(1).kind()).isEqualTo("follow-up");
        assertThat(both.get(1).message().path("embeds").get(0).path("title").asText()).endsWith("Finally");
    }

    @Test
    void a50KbOutput_arrivesComplete() throws Exception {
        String token = discord.slash(FakeDiscord.GUILD, FakeDiscord.CHANNEL, ADMIN, List.of(), "dump", Map.of());

        // Too long to split into a few messages: one message, the beginning in its embed, everything in a file.
        List<FakeDiscord.Sent> answer = discord.await(s -> s.target().equals(token), 1);

        StringBuilder arrived = new StringBuilder();
        for (FakeDiscord.Sent s : answer) {
            JsonNode m = s.message();
            assertThat(m.path("content").asText().length()).isLessThanOrEqualTo(2000);
            m.path("embeds").forEach(e -> arrived.append(e.path("description").asText()).append('\n'));
            arrived.append(m.path("content").asText()).append('\n');
            s.files().values().forEach(f -> arrived.append(f).append('\n'));
        }
        assertThat(answer).singleElement().satisfies(s -> assertThat(s.files()).containsOnlyKeys("report.txt"));
        for (String line : dumped) {
            assertThat(arrived.toString()).contains(line);
        }
    }

    @Test
    void autocomplete_suggestsKnownHosts() throws Exception {
        // The gateway carries autocomplete as interaction type 4; JDA answers with callback type 8.
        com.fasterxml.jackson.databind.node.ObjectNode data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("id", "7005").put("name", "status").put("type", 1);
        data.putArray("options").addObject().put("name", "host").put("type", 3).put("value", "n").put("focused", true);
        String token = discord.autocomplete(data);

        FakeDiscord.Sent choices = discord.await(s -> s.target().equals(token), 1).get(0);

        assertThat(choices.callbackType()).isEqualTo(8);
        assertThat(choices.payload().path("data").path("choices").get(0).path("value").asText()).isEqualTo("nas");
        assertThat(choices.payload().path("data").path("choices").size()).isEqualTo(1);
    }

    /** 50 KB of raw output, every line different. */
    private final class Dump implements ChatCommand {
        @Override
        public CommandSpec spec() {
            return CommandSpec.reading("dump", "/dump", "Prints a long listing.", Role.VIEWER);
        }

        @Override
        public Report handle(CommandRequest req) {
            List<Report.Line> lines = new ArrayList<>();
            for (int i = 0; dumped.stream().mapToInt(l -> l.length() + 1).sum() < 50_000; i++) {
                String l = String.format("line %05d sda%d  12345 blocks  ok  /srv/data/%d", i, i % 7, i);
                dumped.add(l);
                lines.add(Report.Line.code(l));
            }
            return new Report("Listing", Severity.OK, List.of(new Report.Section("Output", lines)), List.of(), List.of());
        }
    }

    /** Answers once the test lets it. */
    private final class Slow implements ChatCommand {
        @Override
        public CommandSpec spec() {
            return CommandSpec.reading("slow", "/slow", "Takes its time.", Role.VIEWER);
        }

        @Override
        public Report handle(CommandRequest req) throws InterruptedException {
            slowMayAnswer.await();
            return Report.text("Finally", Severity.OK, "done");
        }
    }
}
