package org.caretaker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.caretaker.check.Catalogue;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ClusterConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.YamlNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cluster:} section of {@code caretaker.yaml}. */
class ClusterConfigTest {
    private static final String HOSTS = """
            hosts:
              - name: here
                local: true
            """;
    private static final String POSTGRES = """
            store:
              url: jdbc:postgresql://db.lan:5432/caretaker
              user: caretaker
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(),
            new YamlNode.Environment() {
                @Override
                public Optional<String> variable(String name) {
                    return Optional.empty();
                }

                @Override
                public Optional<String> file(String path) {
                    return Optional.empty();
                }
            });

    private CaretakerConfig parse(String yaml) throws ConfigException {
        return loader.parse("caretaker.yaml", yaml, dir);
    }

    @Test
    void noSection_isABotAlone() throws Exception {
        assertThat(parse(HOSTS).cluster()).isEqualTo(ClusterConfig.OFF);
        assertThat(ClusterConfig.OFF.enabled()).isFalse();
    }

    @Test
    void enabledOnPostgres_readsInstanceAndLease() throws Exception {
        CaretakerConfig c = parse(HOSTS + POSTGRES + """
                cluster:
                  enabled: true
                  instance: nas-1
                  lease: 45s
                """);

        assertThat(c.cluster()).isEqualTo(new ClusterConfig(true, "nas-1", Duration.ofSeconds(45)));
        assertThat(c.cluster().renewEvery()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void instanceAndLease_defaultToTheHostNameAndThirtySeconds() throws Exception {
        CaretakerConfig c = parse(HOSTS + POSTGRES + """
                cluster:
                  enabled: true
                """);

        assertThat(c.cluster().instance()).isEqualTo(ClusterConfig.hostName());
        assertThat(c.cluster().instance()).matches("[A-Za-z0-9._-]+");
        assertThat(c.cluster().lease()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void enabledOnTheEmbeddedStore_isRefused_namingClusterEnabled() {
        assertThatThrownBy(() -> parse(HOSTS + """
                cluster:
                  enabled: true
                  instance: nas-1
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "caretaker.yaml: cluster.enabled: needs a PostgreSQL store (store.url: jdbc:postgresql://...): an embedded H2 file "
                        + "cannot be shared between processes"));
    }

    @Test
    void everyProblem_isListedWithItsPath() {
        assertThatThrownBy(() -> parse(HOSTS + """
                store:
                  url: jdbc:h2:mem:x
                cluster:
                  enabled: true
                  instance: "nas 1"
                  lease: 2s
                  leese: 30s
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "caretaker.yaml: cluster.leese: unknown key; known: enabled, instance, lease",
                "caretaker.yaml: cluster.enabled: needs a PostgreSQL store (store.url: jdbc:postgresql://...): an embedded H2 file "
                        + "cannot be shared between processes",
                "caretaker.yaml: cluster.instance: must be 1 to 100 letters, digits, '.', '_' or '-', found 'nas 1'",
                "caretaker.yaml: cluster.lease: must be at least 5s, found PT2S"));
    }

    @Test
    void disabled_onTheEmbeddedStore_isFine() throws Exception {
        CaretakerConfig c = parse(HOSTS + """
                cluster:
                  enabled: false
                  instance: nas-1
                """);

        assertThat(c.cluster()).isEqualTo(new ClusterConfig(false, "nas-1", Duration.ofSeconds(30)));
    }
}
