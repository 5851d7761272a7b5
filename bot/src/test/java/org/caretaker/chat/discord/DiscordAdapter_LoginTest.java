package org.caretaker.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import org.caretaker.chat.Bench;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Logging in: a wrong token stops the start, an unreachable Discord does not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscordAdapter_LoginTest {
    @TempDir
    Path dir;
    FakeDiscord discord;
    Bench bench;

    @BeforeEach
    void setUp() throws Exception {
        discord = new FakeDiscord();
        bench = new Bench(dir);
    }

    @AfterEach
    void tearDown() {
        discord.close();
        bench.close();
    }

    private DiscordAdapter adapter(String token) {
        ChatConfig.Discord config = new ChatConfig.Discord(Secret.of(token), FakeDiscord.GUILD, discord.restUrl(), discord.gatewayUrl(), List.of());
        return new DiscordAdapter(config, bench.router, bench.registry, Completions.NONE, new DiscordRenderer(), DiscordAdapter.ANSWER_WITHIN,
                Duration.ofMillis(200));
    }

    @Test
    void aTokenDiscordRefuses_stopsTheStart() {
        try (DiscordAdapter adapter = adapter("wrong.token")) {
            assertThatThrownBy(adapter::start).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void discordUnreachableAtStart_isTriedAgain_untilItAnswers() throws Exception {
        discord.restDown(true);
        try (DiscordAdapter adapter = adapter(FakeDiscord.TOKEN)) {
            adapter.start();
            assertThat(adapter.ready()).isNotDone();

            discord.restDown(false);

            adapter.ready().get(30, TimeUnit.SECONDS);
            assertThat(discord.sent(s -> s.kind().equals("commands"))).hasSize(1);
        }
    }
}
