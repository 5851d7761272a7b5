package org.caretaker.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.RunnerConfig;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.LocalExecutor;
import org.caretaker.exec.SshExecutor;
import org.caretaker.exec.TestSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {

    @TempDir
    Path dir;

    private TestSshServer live;

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    /** Runs one fixed command and judges its first line. */
    private static Check echoCheck(String id, Command command) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String summary() {
                return "test check";
            }

            @Override
            public boolean appliesTo(HostConfig host) {
                return true;
            }

            @Override
            public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
                CommandOutput out = ctx.exec(command);
                if (!out.stdout().startsWith("fine")) {
                    throw new UnparseableOutputException("expected 'fine'", out.combined());
                }
                Findings f = ctx.findings();
                f.ok("-", "fine");
                return f.list();
            }
        };
    }

    private CaretakerConfig config(List<HostConfig> hosts, Duration deadline) {
        return new CaretakerConfig(Path.of("test.yaml"), hosts, Map.of(),
                new RunnerConfig(8, 4, deadline, Duration.ofSeconds(3), Duration.ofSeconds(30), 1 << 20),
                new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)), ChatConfig.CONSOLE_ONLY, HttpConfig.DEFAULTS,
                dir.resolve("schedules"), Map.of(), org.caretaker.config.AlertPolicy.DEFAULTS,
                org.caretaker.config.AccessConfig.CONSOLE_ONLY, java.util.Optional.empty(),
                org.caretaker.config.BootLayers.defaults(), org.caretaker.config.MaintenanceConfig.DEFAULTS);
    }

    private Sweep sweep(List<HostConfig> hosts, List<Check> checks, Duration deadline) throws InterruptedException {
        CaretakerConfig cfg = config(hosts, deadline);
        ExecutorFactory factory = h -> h.local()
                ? new LocalExecutor(1 << 20, false)
                : new SshExecutor(h, cfg.runner().connectTimeout(), cfg.runner().outputCap(), cfg.runner().perHost());
        return new CheckRunner(cfg.runner(), cfg.thresholds(), factory, CheckMemory.NONE, Clock.systemUTC()).run(hosts, checks);
    }

    @Test
    void deadHostAndHungCommand_amongLiveHosts_sweepEndsByItsDeadline() throws Exception {
        live = new TestSshServer(dir);
        HostConfig good = live.host("good");
        HostConfig alsoGood = new HostConfig("also-good", good.local(), good.address(), good.port(), good.user(), good.key(),
                good.knownHosts(), false, java.util.Set.of(), Expectations.NONE, Map.of());
        // A dead host: the port of a server that has been stopped.
        TestSshServer gone = new TestSshServer(Files.createDirectory(dir.resolve("gone")));
        HostConfig dead = gone.host("dead");
        gone.close();

        Check fine = echoCheck("fine", Command.of("echo", "fine"));
        // Hangs past the deadline: the server never answers, and the command's own timeout is longer.
        Check hung = echoCheck("hung", Command.of(TestSshServer.HANG).withTimeout(Duration.ofSeconds(60)));

        long start = System.nanoTime();
        Sweep sweep = sweep(List.of(good, dead, alsoGood), List.of(fine, hung), Duration.ofSeconds(4));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).as("ends by the 4 s deadline").isLessThan(4_000 + 2_000);
        assertThat(sweep.findings()).extracting(f -> f.host() + " " + f.check() + " " + f.severity())
                .containsExactly(
                        "good reachability OK", "good fine OK", "good hung UNKNOWN",
                        "dead reachability UNREACHABLE",
                        "also-good reachability OK", "also-good fine OK", "also-good hung UNKNOWN");
        Finding deadFinding = sweep.findings().get(3);
        assertThat(deadFinding.message()).startsWith("cannot connect to " + dead.target() + ": ConnectException")
                .endsWith("; not run: fine, hung");
        assertThat(deadFinding.runbook()).isEqualTo("runbook/caretaker#host-unreachable");
        assertThat(sweep.findings().get(2).message()).isEqualTo("did not finish before the run deadline (4 s)");
        assertThat(sweep.worst()).isEqualTo(Severity.UNREACHABLE);
    }

    @Test
    void unreadableOutput_isUnknownWithExcerpt() throws Exception {
        HostConfig local = localHost();
        Check check = echoCheck("garbled", Command.of("printf", "Segmentation fault\\n"));

        Sweep sweep = sweep(List.of(local), List.of(check), Duration.ofSeconds(30));

        Finding f = sweep.findings().get(1);
        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("could not read the output: expected 'fine': \"Segmentation fault\"");
        assertThat(f.runbook()).isEqualTo("runbook/caretaker#unknown-output");
    }

    @Test
    void commandKilledByTheHostTimeout_isReportedAsTimeout() throws Exception {
        Check slow = echoCheck("slow", Command.of("sleep", "30").withTimeout(Duration.ofSeconds(1)).withLabel("sleep 30"));

        Sweep sweep = sweep(List.of(localHost()), List.of(slow), Duration.ofSeconds(30));

        Finding f = sweep.findings().get(1);
        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("sleep 30 was killed after 1 s on the host (a hung mount or device?)");
        assertThat(f.runbook()).isEqualTo("runbook/caretaker#command-timeout");
    }

    @Test
    void aCheckThatThrows_isUnknown_andTheOthersStillRun() throws Exception {
        Check broken = new Check() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public String summary() {
                return "always fails";
            }

            @Override
            public boolean appliesTo(HostConfig host) {
                return true;
            }

            @Override
            public List<Finding> run(CheckContext ctx) {
                throw new IllegalStateException("bug");
            }
        };
        Check fine = echoCheck("fine", Command.of("echo", "fine"));

        Sweep sweep = sweep(List.of(localHost()), List.of(broken, fine), Duration.ofSeconds(30));

        assertThat(sweep.findings()).extracting(f -> f.check() + " " + f.severity() + " " + f.message())
                .containsExactly("reachability OK this machine (local executor)",
                        "broken UNKNOWN the check failed unexpectedly (IllegalStateException)",
                        "fine OK fine");
    }

    private static HostConfig localHost() {
        return new HostConfig("here", true, "", 22, "", Optional.empty(), Optional.empty(), false, java.util.Set.of(), Expectations.NONE, Map.of());
    }
}
