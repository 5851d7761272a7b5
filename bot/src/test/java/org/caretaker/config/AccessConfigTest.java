package org.caretaker.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading the {@code access:} section, with every problem named by its path. */
class AccessConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Problems problems = new Problems("caretaker.yaml");

    private AccessConfig read(String yaml) throws Exception {
        YamlNode root = new YamlNode(YAML.readTree(yaml), "", problems, new YamlNode.Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> file(String path) {
                return Optional.empty();
            }
        });
        return AccessConfig.read(root.get("access"));
    }

    @Test
    void theDocumentedExample_reads() throws Exception {
        AccessConfig c = read("""
                access:
                  users:
                    - { id: "console:local", roles: [admin] }
                    - { id: "telegram:123456", roles: [admin] }
                    - { id: "discord:987", roles: [viewer] }
                  platform-roles:
                    - { id: "discord-role:555", roles: [operator] }
                  channels: ["console:local", "telegram:-100123"]
                  confirm-ttl: 5m
                """);

        assertThat(problems.list()).isEmpty();
        assertThat(c).isEqualTo(new AccessConfig(
                Map.of("console:local", Set.of(Role.ADMIN), "telegram:123456", Set.of(Role.ADMIN), "discord:987", Set.of(Role.VIEWER)),
                Map.of("discord-role:555", Set.of(Role.OPERATOR)), Set.of("console:local", "telegram:-100123"), Duration.ofMinutes(5)));
    }

    @Test
    void aMissingSection_isTheConsoleAlone() throws Exception {
        assertThat(read("hosts: []\n")).isEqualTo(AccessConfig.CONSOLE_ONLY);
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void withoutChannels_onlyTheConsoleIsListenedTo_andTheTtlDefaultsToFiveMinutes() throws Exception {
        AccessConfig c = read("""
                access:
                  users:
                    - { id: "telegram:1", roles: [viewer, operator] }
                """);

        assertThat(problems.list()).isEmpty();
        assertThat(c.channels()).containsExactly("console:local");
        assertThat(c.confirmTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.users()).isEqualTo(Map.of("telegram:1", Set.of(Role.VIEWER, Role.OPERATOR)));
    }

    @Test
    void everyMistakeIsReported_withItsPath() throws Exception {
        AccessConfig c = read("""
                access:
                  users:
                    - { id: "telegram:1", roles: [admni] }
                    - { id: "alice", roles: [admin] }
                    - { id: "telegram:2", roles: [viewer] }
                    - { id: "telegram:2", roles: [admin] }
                    - { id: "telegram:3" }
                    - { id: "telegram:4", roles: [viewer], name: bob }
                  platform-roles:
                    - { id: "discord:555", roles: [operator] }
                  channels: ["telegram:-100 123"]
                  confirm-ttl: soon
                  admins: [x]
                """);

        assertThat(c).isEqualTo(AccessConfig.CONSOLE_ONLY);
        assertThat(problems.list()).containsExactly(
                "caretaker.yaml: access.users[0].roles[0]: unknown role 'admni'; known: viewer, operator, admin",
                "caretaker.yaml: access.users[1].id: 'alice' is not platform:id, such as telegram:123456",
                "caretaker.yaml: access.users[3].id: 'telegram:2' is listed twice",
                "caretaker.yaml: access.users[4].roles: is required: a list of roles (viewer, operator, admin)",
                "caretaker.yaml: access.users[5].name: unknown key; known: id, roles",
                "caretaker.yaml: access.confirm-ttl: must be a duration such as 30s, 5m, 2h or 7d, found 'soon'",
                "caretaker.yaml: access.admins: unknown key; known: users, platform-roles, channels, confirm-ttl",
                "caretaker.yaml: access.platform-roles: 'discord:555' is not platform-role:role-id, such as discord-role:555",
                "caretaker.yaml: access.channels: 'telegram:-100 123' is not platform:channel-id, such as telegram:-100123, or platform:* for all of a platform's channels");
    }

    @Test
    void anEmptyChannelList_isAProblem() throws Exception {
        read("""
                access:
                  channels: []
                """);

        assertThat(problems.list()).containsExactly(
                "caretaker.yaml: access.channels: must list at least one channel; without the key only console:local is used");
    }
}
