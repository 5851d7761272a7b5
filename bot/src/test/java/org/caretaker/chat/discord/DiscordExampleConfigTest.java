package org.caretaker.chat.discord;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Catalogue;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.Role;
import org.caretaker.config.YamlNode;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code examples/discord-local.yaml} as shipped, with its environment supplied by the test. */
class DiscordExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize().resolve("examples/discord-local.yaml");

    private static CaretakerConfig load(Map<String, String> vars) throws Exception {
        YamlNode.Environment env = new YamlNode.Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(vars.get(name));
            }

            @Override
            public Optional<String> file(String path) {
                return Optional.empty();
            }
        };
        return new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(), env).load(EXAMPLE);
    }

    private static Map<String, String> required() {
        Map<String, String> vars = new HashMap<>();
        vars.put("DISCORD_TOKEN", "bot-token-from-env");
        vars.put("DISCORD_GUILD", "200000000000000002");
        vars.put("DISCORD_ALLOWED_USER", "42");
        return vars;
    }

    @Test
    void withTheRequiredVariables_discordUsesTheDefaultUrls_andTheUserIsAdmin() throws Exception {
        CaretakerConfig config = load(required());

        ChatConfig.Discord discord = config.chat().discord().orElseThrow();
        assertThat(discord.token().reveal()).isEqualTo("bot-token-from-env");
        assertThat(discord.guild()).isEqualTo("200000000000000002");
        assertThat(discord.restUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
        assertThat(discord.gatewayUrl()).isEqualTo(URI.create("wss://gateway.discord.gg/"));
        assertThat(discord.channels()).isEmpty();
        assertThat(config.chat().console()).isTrue();
        assertThat(config.access().users()).containsEntry("discord:42", Set.of(Role.ADMIN)).containsEntry("console:local", Set.of(Role.ADMIN));
        assertThat(config.access().channels()).containsExactlyInAnyOrder("console:local", "discord:*");
        assertThat(config.alerts().channels()).containsExactly("console:local");
        assertThat(config.hosts()).singleElement().satisfies(h -> assertThat(h.local()).isTrue());
    }

    @Test
    void theOptionalUrls_comeFromTheEnvironmentWhenSet() throws Exception {
        Map<String, String> vars = required();
        vars.put("DISCORD_REST_URL", "http://proxy.lan:8080/api/v10/");
        vars.put("DISCORD_GATEWAY_URL", "ws://proxy.lan:8081/gateway");

        ChatConfig.Discord discord = load(vars).chat().discord().orElseThrow();

        assertThat(discord.restUrl()).isEqualTo(URI.create("http://proxy.lan:8080/api/v10/"));
        assertThat(discord.gatewayUrl()).isEqualTo(URI.create("ws://proxy.lan:8081/gateway"));
    }

    @Test
    void aMissingToken_isAProblemNamingTheVariable() {
        Map<String, String> vars = required();
        vars.remove("DISCORD_TOKEN");

        assertThatThrownBy(() -> load(vars)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(EXAMPLE + ": chat.discord.token: environment variable DISCORD_TOKEN is not set"));
    }
}
