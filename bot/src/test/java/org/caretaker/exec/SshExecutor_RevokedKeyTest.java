package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An {@code @revoked} known_hosts line refuses its key the way OpenSSH does, whatever other lines say. */
class SshExecutor_RevokedKeyTest {
    @TempDir
    Path dir;

    private TestSshServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void assertRevoked(String knownHosts) throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts_revoked"), knownHosts);
        try (SshExecutor ssh = new SshExecutor(server.host("nas", file), Duration.ofSeconds(10), 1 << 20, 4)) {
            assertThatThrownBy(() -> ssh.run(Command.of("echo", "never")))
                    .isInstanceOfSatisfying(ExecException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExecException.Kind.HOST_KEY);
                        assertThat(e.getMessage())
                                .startsWith("REVOKED HOST KEY DETECTED: the host key of ")
                                .contains(" is marked as revoked in " + file + "; refused.")
                                .doesNotContain("CHANGED");
                    });
        }
    }

    @Test
    void aRevokedLine_winsOverAPlainLineForTheSameKey() throws Exception {
        server = new TestSshServer(dir);
        String line = server.knownHostsLine();

        assertRevoked(line + "\n@revoked " + line + "\n");
    }

    @Test
    void aRevokedLineAlone_saysRevoked_notChanged() throws Exception {
        server = new TestSshServer(dir);

        assertRevoked("@revoked " + server.knownHostsLine() + "\n");
    }
}
