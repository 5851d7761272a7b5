package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlNode_DefaultsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String read(String yaml, Map<String, String> vars, Problems problems) throws Exception {
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
        return new YamlNode(YAML.readTree(yaml), "", problems, env).get("url").asString("fallback");
    }

    @Test
    void unsetVariableWithDefault_isTheDefault() throws Exception {
        Problems problems = new Problems("c.yaml");
        assertThat(read("url: ${REST_URL:-https://discord.com/api/v10}", Map.of(), problems)).isEqualTo("https://discord.com/api/v10");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void setVariableWithDefault_isTheVariable() throws Exception {
        Problems problems = new Problems("c.yaml");
        assertThat(read("url: ${REST_URL:-https://discord.com/api/v10}", Map.of("REST_URL", "http://127.0.0.1:9/api/v10"), problems))
                .isEqualTo("http://127.0.0.1:9/api/v10");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void unsetVariableWithoutDefault_isStillAProblem() throws Exception {
        Problems problems = new Problems("c.yaml");
        assertThat(read("url: ${REST_URL}", Map.of(), problems)).isEqualTo("fallback");
        assertThat(problems.isEmpty()).isFalse();
    }
}
