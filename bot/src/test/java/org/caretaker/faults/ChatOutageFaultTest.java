package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.caretaker.Bot;
import org.caretaker.Caretaker;
import org.caretaker.chat.discord.FakeDiscord;
import org.caretaker.chat.telegram.FakeBotApi;
import org.caretaker.check.Catalogue;
import org.caretaker.config.ConfigLoader;
import org.caretaker.job.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat platforms down for minutes while reports pile up, then back: a whole bot in this JVM on its H2
 * file, with the real outbox sender on its real clock and the real Telegram and Discord clients, talking to
 * the fake Bot API (refusing connections) and the fake Discord (its REST API dropping every connection).
 * Every report arrives once on each, in the order it was made, and the first arrives within the outbox's
 * backoff cap (one minute) of the platform's return, not after ten minutes of doubling. Slow by nature (the
 * outage lasts two minutes), so it runs in the CI-only fault suite ({@code -Pfaults}).
 */
@Tag("faults")
class ChatOutageFaultTest {
    private static final Duration OUTAGE = Duration.ofMinutes(2);
    /** The outbox's backoff cap, plus room for the sender's one-second poll and a slow machine. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(60 + 20);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();

    @TempDir
    Path dir;

    private FakeBotApi api;
    private FakeDiscord discord;
    private Bot bot;

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (api != null) {
            api.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    private Bot start() throws Exception {
        Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: here
                    local: true
                schedules: schedules
                store: { data-dir: data }
                http: { listen: "127.0.0.1:0" }
                chat:
                  console: false
                  telegram: { token: "%s", api-url: "%s", chats: [-100] }
                  discord: { token: "%s", guild: "%s", rest-url: "%s", gateway-url: "%s", channels: [ "%s" ] }
                alerts: { channels: [ "telegram:-100" ] }
                """.formatted(FakeBotApi.TOKEN, api.url(), FakeDiscord.TOKEN, FakeDiscord.GUILD, discord.restUrl(), discord.gatewayUrl(),
                FakeDiscord.REPORTS));
        for (int n = 1; n <= 3; n++) {
            Files.writeString(dir.resolve("schedules/job-" + n + ".yaml"), """
                    id: job-%d
                    description: a report every run
                    cron: "0 0 3 1 1 ? 2099"
                    checks: [disk-usage]
                    channels: [ "telegram:-100", "discord:%s" ]
                    report: always
                    """.formatted(n, FakeDiscord.REPORTS));
        }
        Catalogue catalogue = Catalogue.standard();
        var config = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment())
                .load(dir.resolve("caretaker.yaml"));
        Bot b = new Bot(new Caretaker(config, catalogue, Clock.systemUTC()), null, new PrintStream(OutputStream.nullOutputStream()), false);
        b.start();
        return b;
    }

    private List<String> reports() {
        return api.calls("sendMessage").stream().filter(c -> "-100".equals(c.params().get("chat_id")))
                .map(c -> c.params().get("text")).filter(t -> t.contains("<b>job-")).toList();
    }

    private List<String> discordReports() {
        return discord.sent(m -> m.kind().equals("channel") && m.target().equals(FakeDiscord.REPORTS)).stream()
                .map(m -> m.payload().path("embeds").path(0).path("title").asText()).filter(t -> t.contains(" job-")).toList();
    }

    @Test
    void chatDownForTwoMinutes_queuedReportsArriveOnceEach_inOrder_soonAfterItIsBack() throws Exception {
        api = new FakeBotApi();
        discord = new FakeDiscord();
        bot = start();
        // Discord's own start-up (login, command registration) goes first; then both platforms go away.
        WAITING.alias("the Discord adapter registered its commands").atMost(Duration.ofSeconds(30))
                .until(() -> !discord.sent(m -> m.kind().equals("commands")).isEmpty());
        api.down();
        discord.restDown(true);

        // Three reports over the outage, each failing its deliveries and backing off for longer and longer.
        Duration third = OUTAGE.dividedBy(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(bot.scheduler().start("job-" + n, Trigger.chat("tester"))).isEqualTo("job-" + n + " started");
            WAITING.alias("nothing delivered while the platforms are down").during(third).atMost(third.plus(WAIT))
                    .until(() -> reports().isEmpty() && discordReports().isEmpty());
        }

        api.up();
        discord.restDown(false);
        WAITING.alias("all three reports on both platforms within the backoff cap of their return").atMost(BACK_WITHIN)
                .until(() -> reports().size() >= 3 && discordReports().size() >= 3);

        assertThat(reports()).as("all three reports within the backoff cap of the platform's return").hasSize(3);
        assertThat(reports().get(0)).contains("<b>job-1:");
        assertThat(reports().get(1)).contains("<b>job-2:");
        assertThat(reports().get(2)).contains("<b>job-3:");
        assertThat(discordReports()).as("the same three on Discord, within the cap, in order")
                .satisfiesExactly(t -> assertThat(t).contains(" job-1:"), t -> assertThat(t).contains(" job-2:"),
                        t -> assertThat(t).contains(" job-3:"));
        // Later passes send nothing again.
        WAITING.alias("later passes send nothing again").during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> reports().size() == 3 && discordReports().size() == 3);
    }
}
