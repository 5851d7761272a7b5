package org.caretaker.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.Caretaker;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.AlertPolicy;
import org.caretaker.config.BootLayers;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.HostConfig;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.RunnerConfig;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.TestSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code SshExecutorTest} proves for one executor, through the whole sweep as the bot wires it
 * ({@link Caretaker#runner}): a host whose key changed is one UNREACHABLE finding that names the key the host
 * now shows and the known_hosts file it does not match, points at the host-key runbook, and the check's command
 * never runs there. The same sweep against the right known_hosts runs the command, so the refusal is the key's.
 */
class ChangedHostKeyTest {

    @TempDir
    Path dir;

    private TestSshServer server;
    private TestSshServer other;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (other != null) {
            other.close();
        }
    }

    /** A check whose only command leaves a marker file on the host (here the same machine). */
    private static Check touching(Path marker) {
        return new Check() {
            @Override
            public String id() {
                return "touch-marker";
            }

            @Override
            public String summary() {
                return "leaves a marker where it ran";
            }

            @Override
            public boolean appliesTo(HostConfig host) {
                return true;
            }

            @Override
            public List<Finding> run(CheckContext ctx) throws ExecException, InterruptedException {
                CommandOutput out = ctx.exec(Command.of("touch", marker.toString()));
                var f = ctx.findings();
                f.ok("-", "touched, exit " + out.exitCode());
                return f.list();
            }
        };
    }

    private Sweep sweep(HostConfig host, Path marker) throws InterruptedException {
        CaretakerConfig config = new CaretakerConfig(dir.resolve("caretaker.yaml"), List.of(host), Map.of(),
                new RunnerConfig(4, 2, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20),
                new StoreConfig(dir.resolve("data"), "", "sa", Secret.of(""), Duration.ofDays(30)), ChatConfig.CONSOLE_ONLY,
                HttpConfig.DEFAULTS, dir.resolve("schedules"), Map.of(), AlertPolicy.DEFAULTS, AccessConfig.CONSOLE_ONLY,
                Optional.empty(), BootLayers.defaults(), org.caretaker.config.MaintenanceConfig.DEFAULTS);
        return new Caretaker(config, Catalogue.standard(), Clock.systemUTC()).runner(CheckMemory.NONE)
                .run(List.of(host), List.of(touching(marker)));
    }

    /** {@code SHA256:…} as ssh-keygen -l prints it, from a known_hosts line. */
    private static String fingerprint(String knownHostsLine) throws Exception {
        byte[] blob = Base64.getDecoder().decode(knownHostsLine.split(" ")[2]);
        String b64 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        return "SHA256:" + b64.replace("=", "");
    }

    @Test
    void changedHostKey_isUnreachableNamingFingerprintAndFile_andRunsNothing() throws Exception {
        server = new TestSshServer(Files.createDirectory(dir.resolve("server")));
        other = new TestSshServer(Files.createDirectory(dir.resolve("other")));
        String theirs = other.knownHostsLine().replace("]:" + other.port() + " ", "]:" + server.port() + " ");
        Path stale = Files.writeString(dir.resolve("stale_known_hosts"), theirs + "\n");
        Path marker = dir.resolve("ran");

        Sweep refused = sweep(server.host("nas", stale), marker);

        assertThat(marker).as("the command ran on a host whose key changed").doesNotExist();
        assertThat(refused.findings()).noneMatch(f -> f.severity() == Severity.OK);
        Finding reach = refused.findings().stream().filter(f -> f.check().equals("reachability")).findFirst().orElseThrow();
        assertThat(reach.severity()).isEqualTo(Severity.UNREACHABLE);
        assertThat(reach.host()).isEqualTo("nas");
        assertThat(reach.message())
                .contains("has CHANGED")
                .contains(fingerprint(server.knownHostsLine()))
                .contains(stale.toString())
                .contains("refused");
        assertThat(reach.runbook()).contains("host-key");

        Sweep accepted = sweep(server.host("nas"), marker);

        assertThat(accepted.findings()).anyMatch(f -> f.check().equals("touch-marker") && f.severity() == Severity.OK);
        assertThat(marker).as("with the right known_hosts the same sweep runs the command").exists();
    }
}
