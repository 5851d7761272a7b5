package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines of a running command handed to a listener, on this machine and over SSH. */
class Executor_ProgressTest {
    /** What SnapRAID prints while it syncs: progress redrawn with carriage returns, then a summary. */
    private static final String SCRIPT = "printf 'Syncing...\\n0%%, 0 MB\\r45%%, 1234 MB, 56 MB/s, 12 stripe/s, CPU 5%%, 0:03 ETA\\r'; "
            + "printf 'warn\\n' >&2; printf '100%% completed, 2048 MB accessed in 0:05\\nEverything OK'";

    @TempDir
    Path dir;

    @Test
    void local_handsOnEveryCarriageReturnAndNewlineSeparatedLine() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (LocalExecutor local = new LocalExecutor(1 << 20, false)) {
            CommandOutput out = local.run(Command.script("progress", SCRIPT), lines::add);

            assertThat(out.exitCode()).isZero();
            assertThat(out.stdout()).isEqualTo("Syncing...\n0%, 0 MB\r45%, 1234 MB, 56 MB/s, 12 stripe/s, CPU 5%, 0:03 ETA\r"
                    + "100% completed, 2048 MB accessed in 0:05\nEverything OK");
        }
        assertThat(lines).containsSubsequence("Syncing...", "0%, 0 MB", "45%, 1234 MB, 56 MB/s, 12 stripe/s, CPU 5%, 0:03 ETA",
                "100% completed, 2048 MB accessed in 0:05", "Everything OK").contains("warn").hasSize(6);
    }

    @Test
    void local_aListenerThatThrows_doesNotCostTheOutput() throws Exception {
        try (LocalExecutor local = new LocalExecutor(1 << 20, false)) {
            CommandOutput out = local.run(Command.script("progress", SCRIPT), line -> {
                throw new IllegalStateException("listener broke");
            });

            assertThat(out.exitCode()).isZero();
            assertThat(out.stdout()).endsWith("Everything OK");
            assertThat(out.stderr()).isEqualTo("warn\n");
        }
    }

    @Test
    void local_linesBeyondTheCap_stillReachTheListener() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (LocalExecutor local = new LocalExecutor(16, false)) {
            CommandOutput out = local.run(Command.script("progress", "printf '1%%, 1 MB\\r2%%, 2 MB\\r3%%, 3 MB\\r4%%, 4 MB\\n'"), lines::add);

            assertThat(out.truncated()).isTrue();
        }
        assertThat(lines).containsExactly("1%, 1 MB", "2%, 2 MB", "3%, 3 MB", "4%, 4 MB");
    }

    @Test
    void ssh_handsOnTheLinesToo() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (TestSshServer server = new TestSshServer(dir);
                SshExecutor ssh = new SshExecutor(server.host("h"), Duration.ofSeconds(5), 1 << 20, 4)) {
            CommandOutput out = ssh.run(Command.script("progress", SCRIPT), lines::add);

            assertThat(out.exitCode()).isZero();
            assertThat(out.stderr()).isEqualTo("warn\n");
        }
        assertThat(lines).containsSubsequence("0%, 0 MB", "45%, 1234 MB, 56 MB/s, 12 stripe/s, CPU 5%, 0:03 ETA", "Everything OK")
                .contains("warn").hasSize(6);
    }

    @Test
    void theDefault_justRuns() throws Exception {
        List<String> lines = new ArrayList<>();
        Executor plain = new Executor() {
            @Override
            public CommandOutput run(Command command) {
                return new CommandOutput(0, "45%, 1 MB\r", "", Duration.ZERO, false);
            }

            @Override
            public void close() {
            }
        };
        assertThat(plain.run(Command.of("true"), lines::add).stdout()).isEqualTo("45%, 1 MB\r");
        assertThat(lines).isEmpty();
    }
}
