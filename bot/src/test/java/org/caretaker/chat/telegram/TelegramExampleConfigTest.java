package org.caretaker.chat.telegram;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Catalogue;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.Role;
import org.caretaker.config.Secret;
import org.caretaker.config.YamlNode;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code examples/telegram-local.yaml} loads with nothing but the Telegram variables set. */
class TelegramExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize().resolve("examples/telegram-local.yaml");

    private static CaretakerConfig load(Map<String, String> vars) throws ConfigException {
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

    @Test
    void loads_withTheDefaultApiUrl_andTheUserAsAdminInTheirPrivateChat() throws Exception {
        CaretakerConfig config = load(Map.of("TELEGRAM_TOKEN", "123456:abc", "TELEGRAM_ALLOWED_USER", "4242"));

        ChatConfig.Telegram telegram = config.chat().telegram().orElseThrow();
        assertThat(telegram.token()).isEqualTo(Secret.of("123456:abc"));
        assertThat(telegram.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(telegram.chats()).containsExactly(4242L);
        assertThat(config.chat().console()).isTrue();
        AccessConfig access = config.access();
        assertThat(access.users()).isEqualTo(Map.of("telegram:4242", Set.of(Role.ADMIN), "console:local", Set.of(Role.ADMIN)));
        assertThat(access.channels()).containsExactlyInAnyOrder("telegram:4242", "console:local");
        assertThat(config.hosts()).singleElement().satisfies(h -> assertThat(h.local()).isTrue());
    }

    @Test
    void aSelfHostedBotApi_comesFromTelegramApiUrl() throws Exception {
        CaretakerConfig config = load(Map.of("TELEGRAM_TOKEN", "t", "TELEGRAM_ALLOWED_USER", "1", "TELEGRAM_API_URL", "http://127.0.0.1:8081"));

        assertThat(config.chat().telegram().orElseThrow().apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    }

    @Test
    void withoutTheToken_itRefusesToStart_namingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("TELEGRAM_ALLOWED_USER", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat.telegram.token: environment variable TELEGRAM_TOKEN is not set");
    }
}
