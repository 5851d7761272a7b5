package org.caretaker.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caretaker.chat.Bench;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Progress of a long job as one Discord message, posted once and then edited, against the fake Discord. */
@Timeout(120)
class DiscordAdapter_ProgressTest {
    static final String CHANNEL = "discord:" + FakeDiscord.REPORTS;
    @TempDir
    Path dir;
    FakeDiscord discord;
    Bench bench;
    DiscordAdapter adapter;

    @BeforeEach
    void setUp() throws Exception {
        discord = new FakeDiscord();
        bench = new Bench(dir);
        ChatConfig.Discord config = new ChatConfig.Discord(Secret.of("fake.bot.token"), FakeDiscord.GUILD, discord.restUrl(), discord.gatewayUrl(),
                List.of(FakeDiscord.REPORTS));
        adapter = new DiscordAdapter(config, bench.router, bench.registry, Completions.NONE);
        adapter.start();
        adapter.ready().get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        adapter.close();
        discord.close();
        bench.close();
    }

    @Test
    void oneMessage_isPostedThenEditedWithEachPercentage() {
        ProgressBoard.Handle h = adapter.open(CHANNEL, "weekly-snapraid on nas: sync starting");
        adapter.update(h, "weekly-snapraid on nas: sync 45 %, about 3 min left");
        adapter.close(h, "weekly-snapraid on nas: sync finished");

        assertThat(discord.sent(s -> s.kind().equals("channel"))).singleElement().satisfies(s ->
                assertThat(s.payload().path("content").asText()).isEqualTo("weekly-snapraid on nas: sync starting"));
        String id = h.messageId().orElseThrow();
        assertThat(discord.sent(s -> s.kind().equals("edit")))
                .allSatisfy(s -> assertThat(s.target()).isEqualTo(FakeDiscord.REPORTS + "/" + id))
                .extracting(s -> s.payload().path("content").asText())
                .containsExactly("weekly-snapraid on nas: sync 45 %, about 3 min left", "weekly-snapraid on nas: sync finished");
    }

    @Test
    void discordDown_nothingThrows_andUpdatesAreDropped() {
        discord.restDown(true);

        ProgressBoard.Handle h = adapter.open(CHANNEL, "weekly-snapraid on nas: sync 5 %");
        adapter.update(h, "weekly-snapraid on nas: sync 10 %");

        assertThat(h.messageId()).isEmpty();
        assertThat(discord.sent(s -> s.kind().equals("edit"))).isEmpty();
    }

    @Test
    void aChannelTheBotCannotSee_isNotPosted() {
        ProgressBoard.Handle h = adapter.open("telegram:-100", "weekly-snapraid on nas: sync 5 %");

        assertThat(h).isEqualTo(new ProgressBoard.Handle("telegram:-100", Optional.empty()));
    }
}
