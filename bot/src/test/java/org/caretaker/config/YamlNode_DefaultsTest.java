package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ${NAME:-default}}: optional environment variables, such as a self-hosted Bot API address. */
class YamlNode_DefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static YamlNode.Environment env(Map<String, String> vars) {
        return new YamlNode.Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(vars.get(name));
            }

            @Override
            public Optional<String> file(String path) {
                return Optional.empty();
            }
        };
    }

    private static String read(String value, Map<String, String> vars, Problems problems) throws Exception {
        YamlNode root = new YamlNode(JSON.readTree(JSON.writeValueAsString(Map.of("url", value))), "", problems, env(vars));
        return root.string("url", "fallback");
    }

    @Test
    void unsetOrEmptyVariable_takesTheDefault_withoutAProblem() throws Exception {
        Problems problems = new Problems("test.yaml");

        assertThat(read("${API_URL:-https://api.telegram.org}", Map.of(), problems)).isEqualTo("https://api.telegram.org");
        assertThat(read("${API_URL:-https://api.telegram.org}", Map.of("API_URL", ""), problems)).isEqualTo("https://api.telegram.org");
        assertThat(read("x-${API_URL:-}-y", Map.of(), problems)).isEqualTo("x--y");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void setVariable_winsOverTheDefault() throws Exception {
        Problems problems = new Problems("test.yaml");

        assertThat(read("${API_URL:-https://api.telegram.org}", Map.of("API_URL", "http://127.0.0.1:8081"), problems))
                .isEqualTo("http://127.0.0.1:8081");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void variableWithoutDefault_isStillRequired() throws Exception {
        Problems problems = new Problems("test.yaml");

        assertThat(read("${TOKEN}", Map.of(), problems)).isEqualTo("fallback");
        assertThat(problems.list()).containsExactly("test.yaml: url: environment variable TOKEN is not set");
    }
}
