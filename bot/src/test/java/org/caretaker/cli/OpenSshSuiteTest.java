package org.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.OpenSshServer;
import org.caretaker.exec.SshExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI-only suite: Caretaker's command line driving checks over a real OpenSSH server on loopback, the
 * way it reaches a real host. Run by {@code .ci/run} with {@code -Popenssh}.
 */
@Tag("openssh")
class OpenSshSuiteTest {

    @TempDir
    Path dir;

    private OpenSshServer sshd;

    @BeforeEach
    void start() throws Exception {
        sshd = OpenSshServer.start(dir);
    }

    @AfterEach
    void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path config(String knownHosts) throws Exception {
        return Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: loopback
                    address: 127.0.0.1
                    port: %d
                    user: root
                    key: %s
                    known-hosts: %s
                    tags: [freeze-hardening]
                runner:
                  deadline: 2m
                """.formatted(sshd.port(), sshd.clientKey(), knownHosts));
    }

    @Test
    void checkAll_overOpenSsh_reportsRealFindingsOfTheHost() throws Exception {
        Result r = cli("check", "all", "--config", config(sshd.knownHosts().toString()).toString(), "--json");

        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        List<String> checks = new ArrayList<>();
        findings.forEach(f -> checks.add(f.get("check").asText()));
        assertThat(checks).contains("reachability", "disk-usage", "inode-usage");
        JsonNode reach = findings.get(0);
        assertThat(reach.get("severity").asText()).isEqualTo("OK");
        assertThat(reach.get("message").asText()).startsWith("reached root@127.0.0.1:" + sshd.port() + " over SSH in ");
        JsonNode root = null;
        for (JsonNode f : findings) {
            if (f.get("check").asText().equals("disk-usage") && f.get("subject").asText().equals("/")) {
                root = f;
            }
        }
        assertThat(root).as("a disk-usage finding for /").isNotNull();
        assertThat(root.get("metrics").get("used_percent").asInt()).isBetween(0, 100);
        int worst = 0;
        for (JsonNode f : findings) {
            worst = Math.max(worst, rank(f.get("severity").asText()));
        }
        assertThat(r.exit()).isEqualTo(exitFor(worst));
    }

    @Test
    void changedHostKey_overOpenSsh_isRefusedAndNothingRuns() throws Exception {
        String line = Files.readString(sshd.knownHosts());
        // Same host and port, someone else's key: what a reinstalled or impersonated host looks like.
        Path stale = Files.writeString(dir.resolve("stale_known_hosts"),
                line.substring(0, line.indexOf("ssh-ed25519")) + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");

        Result r = cli("check", "all", "--config", config(stale.toString()).toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("UNREACHABLE reachability")
                .contains("host key of root@127.0.0.1:" + sshd.port() + " has CHANGED (now SHA256:");
        assertThat(r.out().lines().filter(l -> l.contains("disk-usage"))).as("only named as not run")
                .allMatch(l -> l.contains("; not run: disk-usage"));
    }

    @Test
    void hungCommand_overOpenSsh_isKilledOnTheHost() throws Exception {
        String marker = "876." + ProcessHandle.current().pid();
        try (SshExecutor ssh = new SshExecutor(sshd.host("loopback"), Duration.ofSeconds(5), 1 << 20, 4)) {
            CommandOutput out = ssh.run(Command.of("sleep", marker).withTimeout(Duration.ofSeconds(1)));

            assertThat(out.exitCode()).isEqualTo(124);
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker)).orElse(false))
                .filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void tenConcurrentChannels_onOneOpenSshConnection() throws Exception {
        try (SshExecutor ssh = new SshExecutor(sshd.host("loopback"), Duration.ofSeconds(5), 1 << 20, 10)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            try {
                List<java.util.concurrent.Future<CommandOutput>> fs = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    fs.add(pool.submit(() -> ssh.run(Command.script("n", "sleep 0.5; echo n" + n))));
                }
                for (int i = 0; i < 10; i++) {
                    assertThat(fs.get(i).get().stdout()).isEqualTo("n" + i + "\n");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "OK" -> 0;
            case "WARN" -> 1;
            case "UNKNOWN" -> 2;
            case "CRIT" -> 3;
            default -> 4;
        };
    }

    private static int exitFor(int rank) {
        return switch (rank) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 3;
            default -> 2;
        };
    }
}
