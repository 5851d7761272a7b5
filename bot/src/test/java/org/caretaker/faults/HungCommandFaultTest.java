package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.exec.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hung command over a real OpenSSH server: the host's {@code df} is a script that sleeps for an hour (as
 * {@code df} does on a hung NFS mount), put first on the sessions' PATH by sshd's own {@code SetEnv}. The
 * command is cut at its timeout on the host, the finding is UNKNOWN naming it, the host's other checks
 * still report, and nothing of it is left running on the host. CI-only ({@code -Pfaults}): sshd needs root.
 */
@Tag("faults")
class HungCommandFaultTest {
    @TempDir
    Path dir;

    private OpenSshServer sshd;

    @AfterEach
    void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    /** A bin directory whose {@code df} sleeps, in a child of its shell, for a time that marks it. */
    static Path hangingDf(Path dir, String marker) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path df = Files.writeString(bin.resolve("df"), "#!/bin/sh\nsleep " + marker + "\necho never\n");
        Files.setPosixFilePermissions(df, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    static String pathFirst(Path bin) {
        return "SetEnv PATH=" + bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    }

    @Test
    void hungDf_isCutAtItsTimeout_theOtherChecksReport_andNothingIsLeftOnTheHost() throws Exception {
        OpenSshServer.assumeAvailable();
        String marker = "3599." + ProcessHandle.current().pid() + "1";
        sshd = OpenSshServer.start(dir, List.of(pathFirst(hangingDf(dir, marker))));
        var config = Lab.config(dir, "hosts:\n" + Lab.sshHost("nas", sshd.port(), sshd.clientKey(), sshd.knownHosts(), "") + """
                runner:
                  deadline: 60s
                store: { data-dir: data }
                """);

        long start = System.nanoTime();
        Sweep s = Lab.sweep(config, "disk-usage", "load", "memory");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("a 60 s sweep returns by its deadline plus a margin").isLessThan(Duration.ofSeconds(70));
        assertThat(Lab.of(s, "nas", "disk-usage")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).startsWith("df was killed after 20 s on the host");
        });
        assertThat(Lab.of(s, "nas", "load")).isNotEmpty().extracting(Finding::severity).doesNotContain(Severity.UNKNOWN, Severity.UNREACHABLE);
        assertThat(Lab.of(s, "nas", "memory")).isNotEmpty().extracting(Finding::severity).doesNotContain(Severity.UNKNOWN, Severity.UNREACHABLE);
        // The host-side timeout signals its whole process group, so the script's own child goes too.
        await("the hung command gone from the host").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(Lab.alive("sleep " + marker)).as("leftovers of the hung command on the host").isEmpty());
    }
}
