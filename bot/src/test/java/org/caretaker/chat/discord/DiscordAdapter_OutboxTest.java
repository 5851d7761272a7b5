package org.caretaker.chat.discord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caretaker.chat.Bench;
import org.caretaker.check.Severity;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.caretaker.outbox.DeliveryException;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.OutboxSender;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scheduled reports through the real outbox to the fake Discord: order, no repeats, outages and rate limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscordAdapter_OutboxTest {
    static final String CHANNEL = "discord:" + FakeDiscord.REPORTS;

    @TempDir
    Path dir;
    FakeDiscord discord;
    Bench bench;
    DiscordAdapter adapter;
    Outbox outbox;
    OutboxSender sender;

    @BeforeEach
    void setUp() throws Exception {
        discord = new FakeDiscord();
        bench = new Bench(dir);
        ChatConfig.Discord config = new ChatConfig.Discord(Secret.of("fake.bot.token"), FakeDiscord.GUILD, discord.restUrl(), discord.gatewayUrl(),
                List.of(FakeDiscord.REPORTS));
        adapter = new DiscordAdapter(config, bench.router, bench.registry, Completions.NONE);
        adapter.start();
        adapter.ready().get(20, TimeUnit.SECONDS);
        outbox = new Outbox(bench.db, bench.clock);
        sender = new OutboxSender(outbox, List.of(adapter), bench.clock);
    }

    @AfterEach
    void tearDown() {
        sender.close();
        adapter.close();
        discord.close();
        bench.close();
    }

    private static Report report(int n) {
        return Report.text("daily-sanity run " + n, n == 2 ? Severity.CRIT : Severity.OK, "report number " + n);
    }

    private List<String> arrivedTitles() {
        return discord.sent(s -> s.kind().equals("channel")).stream()
                .map(s -> s.target() + " " + s.payload().path("embeds").get(0).path("title").asText()).toList();
    }

    @Test
    void reportsQueuedWhileDiscordIsDown_arriveOnceEach_inOrder_whenItIsBack() throws Exception {
        discord.restDown(true);
        for (int i = 1; i <= 3; i++) {
            outbox.enqueue(CHANNEL, report(i));
        }

        assertThat(sender.drainOnce()).isZero();
        bench.clock.advance(Duration.ofMinutes(1));
        assertThat(sender.drainOnce()).isZero();
        assertThat(outbox.depth()).isEqualTo(3);

        discord.restDown(false);
        bench.clock.advance(Duration.ofMinutes(1));
        assertThat(sender.drainOnce()).isEqualTo(3);
        bench.clock.advance(Duration.ofMinutes(30));
        assertThat(sender.drainOnce()).isZero();

        String ok = DiscordRenderer.marker(Severity.OK);
        assertThat(arrivedTitles()).containsExactly(
                FakeDiscord.REPORTS + " " + ok + " daily-sanity run 1",
                FakeDiscord.REPORTS + " " + DiscordRenderer.marker(Severity.CRIT) + " daily-sanity run 2",
                FakeDiscord.REPORTS + " " + ok + " daily-sanity run 3");
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void aRateLimit_isADeliveryFailure_carryingDiscordsRetryAfter() {
        discord.rateLimitChannelMessages(1);

        assertThatThrownBy(() -> adapter.deliver(CHANNEL, report(1)))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryAfter()).isEqualTo(Optional.of(Duration.ofSeconds(7))));
        assertThat(arrivedTitles()).isEmpty();
    }

    @Test
    void beforeStart_aDeliveryFails() throws Exception {
        ChatConfig.Discord config = new ChatConfig.Discord(Secret.of("fake.bot.token"), FakeDiscord.GUILD, discord.restUrl(), discord.gatewayUrl(),
                List.of(FakeDiscord.REPORTS));
        try (DiscordAdapter notStarted = new DiscordAdapter(config, bench.router, bench.registry, Completions.NONE)) {
            assertThatThrownBy(() -> notStarted.deliver(CHANNEL, report(1))).isInstanceOf(DeliveryException.class).hasMessage("discord is not connected");
        }
    }

    @Test
    void aChannelTheBotCannotSee_isADeliveryFailure() {
        assertThatThrownBy(() -> adapter.deliver("discord:123", report(1)))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("discord channel 123 is not one the bot can see");
    }
}
