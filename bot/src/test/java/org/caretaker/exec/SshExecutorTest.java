package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caretaker.config.HostConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshExecutorTest {
    private static final Duration CONNECT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private TestSshServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ed25519Key_runsCommandAndReturnsExitCodeAndBothStreams() throws Exception {
        server = new TestSshServer(dir, "ed25519");
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            CommandOutput out = ssh.run(Command.script("streams", "echo hello; echo oops >&2; exit 3"));

            assertThat(out.exitCode()).isEqualTo(3);
            assertThat(out.stdout()).isEqualTo("hello\n");
            assertThat(out.stderr()).isEqualTo("oops\n");
            assertThat(out.truncated()).isFalse();
        }
    }

    @Test
    void rsaKey_isAccepted() throws Exception {
        server = new TestSshServer(dir, "rsa");
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            assertThat(ssh.run(Command.of("echo", "rsa works")).stdout()).isEqualTo("rsa works\n");
        }
    }

    @Test
    void argumentsAreQuoted_soShellCharactersStayText() throws Exception {
        server = new TestSshServer(dir);
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            CommandOutput out = ssh.run(Command.of("printf", "%s|", "a b", "$(id)", "`id`", "x;y", "it's"));

            assertThat(out.stdout()).isEqualTo("a b|$(id)|`id`|x;y|it's|");
        }
    }

    @Test
    void commandsRunWithCLocale() throws Exception {
        server = new TestSshServer(dir);
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            assertThat(ssh.run(Command.script("locale", "echo $LC_ALL")).stdout()).isEqualTo("C\n");
        }
    }

    @Test
    void unknownHostKey_isRefusedAndSaysSo() throws Exception {
        server = new TestSshServer(dir);
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        HostConfig host = server.host("nas", empty);
        try (SshExecutor ssh = new SshExecutor(host, CONNECT, 1 << 20, 4)) {
            assertThatThrownBy(() -> ssh.run(Command.of("true")))
                    .isInstanceOfSatisfying(ExecException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExecException.Kind.HOST_KEY);
                        assertThat(e.getMessage())
                                .startsWith("host key of " + host.target() + " (SHA256:")
                                .endsWith(") is not in " + empty + "; refused. Verify it and add the host's line to known_hosts");
                    });
        }
    }

    @Test
    void changedHostKey_isRefusedAndSaysChanged() throws Exception {
        server = new TestSshServer(dir);
        String ours = server.knownHostsLine();
        try (TestSshServer other = new TestSshServer(Files.createDirectory(dir.resolve("other")))) {
            // known_hosts holds a key for this host:port, but it is another server's key.
            String theirs = other.knownHostsLine().replace("]:" + other.port() + " ", "]:" + server.port() + " ");
            Path stale = Files.writeString(dir.resolve("stale_known_hosts"), theirs + "\n");
            assertThat(theirs).isNotEqualTo(ours);
            HostConfig host = server.host("nas", stale);
            try (SshExecutor ssh = new SshExecutor(host, CONNECT, 1 << 20, 4)) {
                assertThatThrownBy(() -> ssh.run(Command.of("true")))
                        .isInstanceOfSatisfying(ExecException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ExecException.Kind.HOST_KEY);
                            assertThat(e.getMessage()).startsWith("host key of " + host.target() + " has CHANGED (now ")
                                    .endsWith("and does not match " + stale
                                            + "; refused. A reinstall or a machine in the middle: verify before updating known_hosts");
                        });
            }
        }
    }

    @Test
    void wrongKey_isAuthFailure() throws Exception {
        server = new TestSshServer(dir);
        OpenSshKeys.Written someoneElse = OpenSshKeys.ed25519(dir.resolve("id_other"));
        Files.writeString(server.authorizedKeys(), someoneElse.authorizedKeysLine() + "\n");
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            assertThatThrownBy(() -> ssh.run(Command.of("true")))
                    .isInstanceOfSatisfying(ExecException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExecException.Kind.AUTH);
                        assertThat(e.getMessage()).isEqualTo("the server refused key id_ed25519 for user " + System.getProperty("user.name"));
                    });
        }
    }

    @Test
    void closedPort_isConnectFailure_andIsRememberedForTheRun() throws Exception {
        server = new TestSshServer(dir);
        HostConfig host = server.host("dead");
        server.close();
        server = null;
        try (SshExecutor ssh = new SshExecutor(host, CONNECT, 1 << 20, 4)) {
            ExecException first = catchExec(() -> ssh.run(Command.of("true")));
            ExecException second = catchExec(() -> ssh.run(Command.of("true")));

            assertThat(first.kind()).isEqualTo(ExecException.Kind.CONNECT);
            assertThat(first.getMessage()).startsWith("cannot connect to " + host.target() + ": ConnectException");
            assertThat(second).isSameAs(first);
        }
    }

    @Test
    void hungCommand_isKilledOnTheHostByTimeout() throws Exception {
        server = new TestSshServer(dir);
        String marker = "987." + ProcessHandle.current().pid();
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            CommandOutput out = ssh.run(Command.of("sleep", marker).withTimeout(Duration.ofSeconds(1)));

            assertThat(out.exitCode()).isEqualTo(124);
            assertThat(out.timedOut()).isTrue();
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker)).orElse(false))
                .filter(ProcessHandle::isAlive))
                .as("no sleep left running on the host").isEmpty();
    }

    @Test
    void commandThatNeverAnswers_endsAtTheClientDeadline() throws Exception {
        server = new TestSshServer(dir);
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 4)) {
            ExecException e = catchExec(() -> ssh.run(Command.of(TestSshServer.HANG).withTimeout(Duration.ofSeconds(1))));

            assertThat(e.kind()).isEqualTo(ExecException.Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo(TestSshServer.HANG + " did not finish within 1 s on h");
            assertThat(ssh.run(Command.of("echo", "still usable")).stdout()).isEqualTo("still usable\n");
        }
    }

    @Test
    void outputBeyondTheCap_isTruncatedAndFlagged_andTheCommandStillFinishes() throws Exception {
        server = new TestSshServer(dir);
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 64 * 1024, 4)) {
            CommandOutput out = ssh.run(Command.script("flood", "head -c 5000000 /dev/zero | tr '\\0' x; head -c 3000000 /dev/zero >&2; echo done >&2"));

            assertThat(out.exitCode()).isZero();
            assertThat(out.truncated()).isTrue();
            assertThat(out.stdout()).hasSize(64 * 1024).matches("x+");
            assertThat(out.stderr()).hasSize(64 * 1024);
        }
    }

    @Test
    void twentyConcurrentChannels_shareOneConnection() throws Exception {
        server = new TestSshServer(dir);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try (SshExecutor ssh = new SshExecutor(server.host("h"), CONNECT, 1 << 20, 20)) {
            ssh.connect();
            List<Future<CommandOutput>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                int n = i;
                futures.add(pool.submit(() -> ssh.run(Command.script("channel", "sleep 1; echo channel-" + n))));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(futures.get(i).get().stdout()).isEqualTo("channel-" + i + "\n");
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(server.connections()).isEqualTo(1);
            // Twenty one-second commands one after another would take 20 s; in parallel they overlap.
            assertThat(tookMs).isLessThan(10_000);
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ExecException catchExec(Call c) throws Exception {
        try {
            c.run();
        } catch (ExecException e) {
            return e;
        }
        throw new AssertionError("expected an ExecException");
    }
}
