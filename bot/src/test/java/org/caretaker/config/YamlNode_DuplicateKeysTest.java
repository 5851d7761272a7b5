package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A key said twice is refused with its path, like every other problem, instead of the last one winning. */
class YamlNode_DuplicateKeysTest {
    private static final YamlNode.Environment NO_ENV = new YamlNode.Environment() {
        @Override
        public Optional<String> variable(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> file(String path) {
            return Optional.empty();
        }
    };

    private static Problems read(String yaml) {
        Problems problems = new Problems("caretaker.yaml");
        YamlNode.read(yaml, problems, NO_ENV);
        return problems;
    }

    @Test
    void twoAccessBlocks_andAKeyTwiceInAFlowMappingInsideAList_areEachAProblemAtTheirPath() {
        Problems p = read("""
                access:
                  admins: [telegram:1]
                hosts:
                  - name: nas
                  - {name: pi, local: true, local: false}
                access:
                  admins: [telegram:2]
                """);

        assertThat(p.list()).containsExactly(
                "caretaker.yaml: hosts[1].local: duplicate key 'local' (line 5, first on line 5); YAML would keep only the last, so say it once",
                "caretaker.yaml: access: duplicate key 'access' (line 6, first on line 1); YAML would keep only the last, so say it once");
    }

    @Test
    void theSameKeyInDifferentMappings_isFine() {
        Problems p = read("""
                hosts:
                  - name: nas
                    port: 22
                  - name: pi
                    port: 22
                runner: {name: x}
                """);

        assertThat(p.list()).isEmpty();
    }
}
