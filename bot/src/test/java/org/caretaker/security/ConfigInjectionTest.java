package org.caretaker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.caretaker.check.Catalogue;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host names, users and addresses end up in SSH connections, command arguments and chat; the loader refuses a
 * hostile one, naming its YAML path, before anything starts. Option smuggling ({@code -oProxyCommand=…}) and
 * look-alike letters are refused like shell metacharacters.
 */
class ConfigInjectionTest {

    @TempDir
    Path dir;

    static Stream<String> payloads() {
        return Stream.of(
                "nas; touch pwned",
                "nas && touch pwned",
                "nas | touch pwned",
                "$(touch pwned)",
                "`touch pwned`",
                "nas\ntouch pwned",
                "--config=pwned.yaml",
                "-oProxyCommand=touch pwned",
                "n\u0430s",           // Cyrillic a
                "nas\u202e",
                "nas\u001b[2J",
                "nas/../../etc",
                "nas'\"",
                "nas touch");
    }

    static Stream<Arguments> positions() {
        return payloads().flatMap(p -> Stream.of(
                Arguments.of("name", p),
                Arguments.of("user", p),
                Arguments.of("address", p)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("positions")
    void aHostilePosition_isRefusedWithItsPath(String field, String payload) throws Exception {
        Files.writeString(dir.resolve("id_ed25519"), "not a key, never read by the loader's validation\n");
        Files.writeString(dir.resolve("known_hosts"), "");
        String name = field.equals("name") ? payload : "nas";
        String user = field.equals("user") ? payload : "caretaker";
        String address = field.equals("address") ? payload : "192.0.2.10";
        Path cfg = dir.resolve("caretaker.yaml");
        Files.writeString(cfg, """
                hosts:
                  - name: %s
                    address: %s
                    user: %s
                    key: id_ed25519
                    known-hosts: known_hosts
                """.formatted(json(name), json(address), json(user)));

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(), ConfigLoader.systemEnvironment()).load(cfg));

        assertThat(e).as("%s %s was accepted", field, CliInjectionTest.printable(payload)).isNotNull();
        assertThat(e.problems()).as("problems").anySatisfy(p -> assertThat(p).contains("hosts[0]." + field + ":"));
    }

    /** A YAML double-quoted scalar, so that the payload reaches the loader exactly as written. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
