package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.exec.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stale mount: an {@code sshfs} mount of a real OpenSSH server on loopback whose sessions are then stopped
 * with SIGSTOP, so anything that asks the filesystem ({@code stat -f}) waits for ever, as on a NAS share
 * whose server went away. The {@code mounts} check ends by its deadline with a finding naming the mount as
 * not answering, and a second run does not pile another unkillable probe onto the first. CI-only
 * ({@code -Pfaults}): needs root, sshd, sshfs and {@code /dev/fuse}.
 */
@Tag("faults")
class StaleMountFaultTest {
    private static final Path SSHFS = Path.of("/usr/bin/sshfs");

    @TempDir
    Path dir;

    private OpenSshServer sshd;
    private Process sshfs;
    private Path mnt;

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) {
            for (ProcessHandle p : sshd.process().descendants().toList()) {
                Lab.signal("CONT", p);
            }
        }
        if (mnt != null) {
            // Lazy: detaches the mount even if something still waits in it.
            new ProcessBuilder("umount", "-l", mnt.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
        if (sshfs != null) {
            sshfs.destroyForcibly();
            sshfs.waitFor(10, TimeUnit.SECONDS);
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private Sweep sweep() throws Exception {
        var config = Lab.config(dir, """
                hosts:
                  - name: here
                    local: true
                    expect:
                      mounts:
                        - { path: "%s", fstype: fuse.sshfs }
                    thresholds:
                      mounts: { probe-timeout-seconds: 3 }
                runner:
                  deadline: 30s
                store: { data-dir: data }
                """.formatted(mnt));
        return Lab.sweep(config, "mounts");
    }

    @Test
    void sshfsMountWhoseServerStopped_isNamedAsNotAnswering_byTheDeadline() throws Exception {
        OpenSshServer.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(SSHFS), "needs sshfs (apt-get install sshfs); .ci/faults.sh installs it");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse for the sshfs mount");
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("server")), List.of("Subsystem sftp internal-sftp"));
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("media.txt"), "films\n");
        mnt = Files.createDirectories(dir.resolve("mnt"));
        // OpenSSH's client refuses a private key others can read.
        Files.setPosixFilePermissions(sshd.clientKey(), PosixFilePermissions.fromString("rw-------"));
        sshfs = new ProcessBuilder(SSHFS.toString(), "-f",
                "-o", "IdentityFile=" + sshd.clientKey(),
                "-o", "UserKnownHostsFile=" + sshd.knownHosts(),
                "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes",
                "-p", Integer.toString(sshd.port()),
                "root@127.0.0.1:" + export, mnt.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshfs.log").toFile()).start();
        await("sshfs mounted").atMost(Duration.ofSeconds(30))
                .failFast("sshfs exited", () -> assertThat(sshfs.isAlive() || Files.exists(mnt.resolve("media.txt")))
                        .as("sshfs running; its log: %s", Files.readString(dir.resolve("sshfs.log"))).isTrue())
                .untilAsserted(() -> assertThat(mnt.resolve("media.txt"))
                        .as("sshfs mounted; its log: %s", Files.readString(dir.resolve("sshfs.log"))).exists());

        Sweep healthy = sweep();
        assertThat(Lab.of(healthy, "here", "mounts")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).startsWith(mnt + " is mounted (");
        });

        // The server side stops answering: every session of sshd, sftp-server included, is stopped.
        List<ProcessHandle> sessions = sshd.process().descendants().toList();
        assertThat(sessions).as("the sshfs session").isNotEmpty();
        for (ProcessHandle p : sessions) {
            Lab.signal("STOP", p);
        }

        long start = System.nanoTime();
        Sweep stale = sweep();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("a 30 s sweep returns by its deadline plus a margin").isLessThan(Duration.ofSeconds(40));
        assertThat(Lab.of(stale, "here", "mounts")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
            assertThat(f.subject()).isEqualTo(mnt.toString());
            assertThat(f.message()).isEqualTo(mnt + " (fuse.sshfs) did not answer within 3 s (stale mount?)");
        });
        // A probe whose request the FUSE daemon already took waits in the kernel uninterruptibly: not even
        // the probe's KILL ends it. The next run must not add another one beside it.
        assertThat(Lab.alive("stat -f -c %T " + mnt)).as("the first probe, stuck in the kernel").hasSize(1);
        Sweep again = sweep();
        assertThat(Lab.of(again, "here", "mounts")).singleElement().extracting(f -> f.severity()).isEqualTo(Severity.CRIT);
        assertThat(Lab.alive("stat -f -c %T " + mnt)).as("still only the first probe after a second run").hasSize(1);

        // Once the server answers again the stuck probe ends by itself; nothing else is left.
        for (ProcessHandle p : sessions) {
            Lab.signal("CONT", p);
        }
        await("the stuck probe ends").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(Lab.alive("stat -f -c %T " + mnt)).as("probes left once the server answers again").isEmpty());
    }
}
