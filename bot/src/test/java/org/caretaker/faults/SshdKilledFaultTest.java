package org.caretaker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.exec.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH server of one host killed with SIGKILL, with every session it serves, while a sweep runs on it:
 * two real OpenSSH servers, the first with a {@code df} that hangs so the sweep is surely on it at the kill,
 * and one check at a time per host so the other {@code df} check is still waiting. The sweep ends by its deadline,
 * that host's remaining checks say why they could not run, and the other host is unaffected.
 * CI-only ({@code -Pfaults}): sshd needs root.
 */
@Tag("faults")
class SshdKilledFaultTest {
    @TempDir
    Path dir;

    private OpenSshServer doomed;
    private OpenSshServer other;

    @AfterEach
    void stop() {
        if (doomed != null) {
            doomed.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void sshdKilledMidSweep_theSweepEnds_theHostsRemainingChecksSayWhy_andTheOtherHostReports() throws Exception {
        OpenSshServer.assumeAvailable();
        String marker = "3599." + ProcessHandle.current().pid() + "2";
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        doomed = OpenSshServer.start(a, List.of(HungCommandFaultTest.pathFirst(HungCommandFaultTest.hangingDf(a, marker))));
        other = OpenSshServer.start(b);
        var config = Lab.config(dir, "hosts:\n"
                + Lab.sshHost("doomed", doomed.port(), doomed.clientKey(), doomed.knownHosts(), "")
                + Lab.sshHost("other", other.port(), other.clientKey(), other.knownHosts(), "") + """
                runner:
                  deadline: 60s
                  per-host: 1
                store: { data-dir: data }
                """);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Future<Sweep> running = pool.submit(() -> Lab.sweep(config, "disk-usage", "inode-usage", "load", "memory"));
            await("df running on the doomed host").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(Lab.alive("sleep " + marker)).as("the sweep is running df on the doomed host").isNotEmpty());
            // SIGKILL the server and the sessions it serves, children first so none is left to reparent.
            List<ProcessHandle> sessions = doomed.process().descendants().toList();
            for (ProcessHandle p : sessions) {
                p.destroyForcibly();
            }
            doomed.process().destroyForcibly();

            Sweep s = running.get(60 + 10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("a 60 s sweep returns by its deadline plus a margin").isLessThan(Duration.ofSeconds(70));

            assertThat(Lab.of(s, "doomed", CheckRunner.REACHABILITY)).singleElement().extracting(Finding::severity).isEqualTo(Severity.OK);
            // One check at a time on the host: one of the two df checks was running at the kill and the other
            // was waiting behind it; load and memory ran before or were waiting too.
            String target = "root@127.0.0.1:" + doomed.port();
            List<Finding> failed = Lab.of(s, "doomed").stream()
                    .filter(f -> f.severity() == Severity.UNKNOWN || f.severity() == Severity.UNREACHABLE).toList();
            assertThat(failed).as("the check running at the kill says the connection broke")
                    .anySatisfy(f -> assertThat(f.message()).startsWith("connection to doomed broke while df ran: "));
            assertThat(failed).as("every check that could not run says the host went away, and why").allSatisfy(f -> assertThat(f.message())
                    .matches("connection to doomed broke while df ran: .*"
                            + "|connection to " + java.util.regex.Pattern.quote(target) + " was lost before .* could start: .*"
                            + "|cannot connect to " + java.util.regex.Pattern.quote(target) + ": .*"));
            assertThat(failed).as("the df check still waiting at the kill").anySatisfy(f -> {
                assertThat(f.check()).isIn("disk-usage", "inode-usage");
                assertThat(f.severity()).isEqualTo(Severity.UNREACHABLE);
            });
            for (String check : List.of("disk-usage", "inode-usage", "load", "memory")) {
                assertThat(Lab.of(s, "doomed", check)).as("%s ran or says why not", check).isNotEmpty();
            }
            assertThat(Lab.of(s, "other")).extracting(Finding::check).contains(CheckRunner.REACHABILITY, "disk-usage", "inode-usage", "load", "memory");
            assertThat(Lab.of(s, "other")).extracting(Finding::severity).doesNotContain(Severity.UNKNOWN, Severity.UNREACHABLE);
        } finally {
            pool.shutdownNow();
        }
    }
}
