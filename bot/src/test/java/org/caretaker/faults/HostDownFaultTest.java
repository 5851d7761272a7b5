package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.exec.OpenSshKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host down: one host whose SSH port refuses, one that black-holes (the kernel completes the TCP handshake,
 * nobody ever says a word), and this machine beside them. The sweep ends by its deadline, both dead hosts
 * are UNREACHABLE findings that name the checks not run, and the live host's findings are all there.
 */
class HostDownFaultTest {
    @TempDir
    Path dir;

    private ServerSocket blackHole;
    private int refusingPort;

    @BeforeEach
    void ports() throws Exception {
        // Listening with a backlog but never accepting: connects succeed, no SSH banner ever comes.
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusingPort = s.getLocalPort();
        }
    }

    @AfterEach
    void close() throws Exception {
        blackHole.close();
    }

    private CaretakerConfig config(String deadline, String connectTimeout) throws Exception {
        Path key = OpenSshKeys.ed25519(dir.resolve("id_ed25519")).privateKey();
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        return Lab.config(dir, "hosts:\n"
                + Lab.sshHost("refusing", refusingPort, key, knownHosts, "")
                + Lab.sshHost("black-hole", blackHole.getLocalPort(), key, knownHosts, "") + """
                  - name: here
                    local: true
                runner:
                  deadline: %s
                  connect-timeout: %s
                store: { data-dir: data }
                """.formatted(deadline, connectTimeout));
    }

    private static Sweep sweep(CaretakerConfig config) throws InterruptedException {
        return Lab.sweep(config, "disk-usage", "load");
    }

    private static List<Finding> of(Sweep s, String host) {
        return Lab.of(s, host);
    }

    @Test
    void refusingAndBlackHoledHosts_areUnreachable_andTheLiveHostStillReports() throws Exception {
        long start = System.nanoTime();
        Sweep s = sweep(config("20s", "3s"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("a 20 s sweep returns by its deadline plus a margin").isLessThan(Duration.ofSeconds(30));
        assertThat(of(s, "refusing")).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(CheckRunner.REACHABILITY);
            assertThat(f.severity()).isEqualTo(Severity.UNREACHABLE);
            assertThat(f.message()).startsWith("cannot connect to root@127.0.0.1:" + refusingPort + ": ")
                    .contains("refused").endsWith("; not run: disk-usage, load");
        });
        assertThat(of(s, "black-hole")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNREACHABLE);
            assertThat(f.message()).contains("root@127.0.0.1:" + blackHole.getLocalPort()).endsWith("; not run: disk-usage, load");
        });
        assertThat(of(s, "here")).extracting(Finding::check).contains(CheckRunner.REACHABILITY, "disk-usage", "load");
        assertThat(of(s, "here")).filteredOn(f -> f.check().equals("disk-usage")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.severity()).isIn(Severity.OK, Severity.WARN, Severity.CRIT));
    }

    @Test
    void blackHoledHost_withAConnectTimeoutLongerThanTheSweep_isUnreachableByTheDeadline() throws Exception {
        long start = System.nanoTime();
        Sweep s = sweep(config("5s", "60s"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("a 5 s sweep returns by its deadline plus a margin, not after the 60 s connect timeout")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(of(s, "black-hole")).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(CheckRunner.REACHABILITY);
            assertThat(f.severity()).isEqualTo(Severity.UNREACHABLE);
            assertThat(f.message()).isEqualTo("root@127.0.0.1:" + blackHole.getLocalPort()
                    + " did not answer within the run deadline (5 s); not run: disk-usage, load");
        });
        assertThat(of(s, "refusing")).singleElement().extracting(Finding::severity).isEqualTo(Severity.UNREACHABLE);
        assertThat(of(s, "here")).extracting(Finding::check).contains("disk-usage", "load");
    }
}
