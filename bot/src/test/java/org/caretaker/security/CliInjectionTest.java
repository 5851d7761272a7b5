package org.caretaker.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.caretaker.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

/**
 * Hostile values in every position of {@code caretaker check}, {@code inspect} and {@code diag} that names
 * something — the host, the check id, the diagnostic kind, the file — are refused with exit status 3 and a
 * one-line error, and nothing runs: no findings are printed, and a payload that would have created a marker
 * file had it reached a shell did not. The configuration has one local host, so anything accepted would run
 * for real on this machine.
 */
class CliInjectionTest {

    @TempDir
    static Path dir;

    private static Path marker() {
        return dir.resolve("injected");
    }

    /** Shell metacharacters, newlines, option smuggling and look-alikes; each would create the marker in a shell. */
    static Stream<String> payloads() {
        String touch = "touch " + marker();
        return Stream.of(
                "here; " + touch,
                "here && " + touch,
                "here | " + touch,
                "$(" + touch + ")",
                "`" + touch + "`",
                "here\n" + touch,
                "here\r\n" + touch,
                "here\u0000" + touch,
                "--config=" + dir.resolve("other.yaml"),
                "-oProxyCommand=" + touch,
                "h\u0435re",          // Cyrillic e
                "\u04bbere",          // Cyrillic shha, looks like h
                "here\u202e",         // right-to-left override
                "here\u001b[2J",      // terminal escape
                "../../etc/passwd");
    }

    private static Path config;

    @BeforeEach
    void localLab() throws Exception {
        config = dir.resolve("caretaker.yaml");
        Files.writeString(config, """
                hosts:
                  - name: here
                    local: true
                store: { data-dir: data }
                """);
        Files.writeString(dir.resolve("other.yaml"), "hosts:\n  - name: other\n    local: true\n");
        Files.deleteIfExists(marker());
    }

    /** Refused, nothing ran, and the error cannot forge lines or drive a terminal. */
    private static void assertRefusedSafely(CliRun r, String payload) {
        assertThat(r.exit()).as("exit status for %s; err:\n%s", printable(payload), r.err()).isEqualTo(3);
        assertThat(r.out()).as("nothing was checked for %s", printable(payload)).isEmpty();
        assertThat(marker()).as("the payload %s reached a shell", printable(payload)).doesNotExist();
        assertThat(r.err()).as("an error is shown for %s", printable(payload)).isNotBlank();
        List<String> lines = r.err().lines().toList();
        for (char c : r.err().toCharArray()) {
            boolean control = (c < 0x20 && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            assertThat(control).as("control character U+%04X in the error for %s:\n%s", (int) c, printable(payload), r.err()).isFalse();
        }
        if (payload.contains("\n")) {
            String second = payload.substring(payload.indexOf('\n') + 1);
            assertThat(lines).as("the payload's second line is not a line of the error").noneMatch(l -> l.strip().equals(second.strip()));
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('\'').toString();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void check_host(String payload) {
        assertRefusedSafely(cli("check", "disk-usage", "--host", payload, "--config", config.toString()), payload);
        assertRefusedSafely(cli("check", "all", "--host=" + payload, "--config", config.toString()), payload);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void check_checkId(String payload) {
        assertRefusedSafely(cli("check", payload, "--config", config.toString()), payload);
        assertRefusedSafely(cli("check", "disk-usage" + payload.replace("here", ""), "--config", config.toString()), payload);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void diag_kindAndHost(String payload) {
        assertRefusedSafely(cli("diag", payload, "--config", config.toString()), payload);
        assertRefusedSafely(cli("diag", "storage", "--host", payload, "--config", config.toString()), payload);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void inspect_parserAndFile(String payload) {
        assertRefusedSafely(cli("inspect", payload, "-"), payload);
        assertRefusedSafely(cli("inspect", "df", payload), payload);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void configFileName(String payload) {
        assertRefusedSafely(cli("check", "all", "--config", payload), payload);
    }
}
