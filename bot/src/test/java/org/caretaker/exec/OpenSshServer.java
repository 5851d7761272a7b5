package org.caretaker.exec;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH {@code sshd} on a free loopback port, started in the foreground by the test and stopped
 * with it. Needs {@code openssh-server} and root (sshd switches to the login user); {@code .ci/run}
 * installs it and fails when these tests were skipped.
 */
public final class OpenSshServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;
    private final OpenSshKeys.Written clientKey;

    private OpenSshServer(Path dir, int port, Process process, OpenSshKeys.Written clientKey) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.clientKey = clientKey;
    }

    /** Skips the calling test, saying why, when this machine cannot run sshd. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(SSHD), "needs OpenSSH's sshd (apt-get install openssh-server); .ci/run installs it");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root: sshd switches to the login user");
    }

    public static OpenSshServer start(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        return start(dir, List.of());
    }

    /**
     * With more sshd_config lines, such as {@code SetEnv PATH=...} to give the host a command of the test's
     * own in front of the real one.
     */
    public static OpenSshServer start(Path dir, List<String> extraConfig) throws IOException, GeneralSecurityException, InterruptedException {
        assumeAvailable();
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "caretaker-test-host", "-f", hostKey.toString()));
        OpenSshKeys.Written client = OpenSshKeys.ed25519(dir.resolve("id_ed25519"));
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, client.authorizedKeysLine() + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("sshd_config");
        Files.writeString(conf, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                // The test directory lives under the temp dir (mode 1777), which StrictModes rejects.
                "StrictModes no",
                "PrintMotd no",
                String.join("\n", extraConfig),
                "") + "\n");
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        try {
            await("sshd listens on port " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || listens(port));
        } catch (ConditionTimeoutException e) {
            // reported below with sshd's own log, which says more than the timeout
        }
        boolean listening = p.isAlive() && listens(port);
        if (!listening) {
            p.destroyForcibly();
            throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
        }
        String pub = Files.readString(Path.of(hostKey + ".pub")).trim();
        String[] parts = pub.split(" ");
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        return new OpenSshServer(dir, port, p, client);
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
    }

    /** The listening sshd; its descendants are the sessions it serves. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public int port() {
        return port;
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path clientKey() {
        return clientKey.privateKey();
    }

    public HostConfig host(String name) {
        return new HostConfig(name, false, "127.0.0.1", port, "root", Optional.of(clientKey()), Optional.of(knownHosts()),
                false, Set.of(), Expectations.NONE, Map.of());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
