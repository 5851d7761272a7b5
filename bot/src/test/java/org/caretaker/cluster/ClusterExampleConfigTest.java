package org.caretaker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Catalogue;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ClusterConfig;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.YamlNode;
import org.junit.jupiter.api.Test;

/** {@code examples/cluster.yaml} as shipped, with its environment supplied by the test. */
class ClusterExampleConfigTest {
    private static final Path EXAMPLE = Path.of("..").toAbsolutePath().normalize().resolve("examples/cluster.yaml");

    @Test
    void loads_asOneInstanceOfACluster_onPostgres() throws Exception {
        Map<String, String> vars = Map.of("CARETAKER_DB_URL", "jdbc:postgresql://db.lan:5432/caretaker", "CARETAKER_DB_USER", "caretaker",
                "CARETAKER_DB_PASSWORD", "s3cret", "CARETAKER_INSTANCE", "nas-2", "TELEGRAM_TOKEN", "123456:abc",
                "TELEGRAM_CHAT", "-100123", "TELEGRAM_ADMIN", "4242");
        CaretakerConfig config = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(),
                new YamlNode.Environment() {
                    @Override
                    public Optional<String> variable(String name) {
                        return Optional.ofNullable(vars.get(name));
                    }

                    @Override
                    public Optional<String> file(String path) {
                        return Optional.empty();
                    }
                }).load(EXAMPLE);

        assertThat(config.cluster()).isEqualTo(new ClusterConfig(true, "nas-2", Duration.ofSeconds(30)));
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:postgresql://db.lan:5432/caretaker");
        assertThat(config.chat().console()).isFalse();
        assertThat(config.chat().telegram().orElseThrow().chats()).containsExactly(-100123L);
    }
}
