package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalExecutorTest {

    @Test
    void runsWithExitCodeBothStreamsAndCLocale() throws Exception {
        try (LocalExecutor local = new LocalExecutor(1 << 20, false)) {
            CommandOutput out = local.run(Command.script("streams", "echo $LC_ALL; echo oops >&2; exit 3"));

            assertThat(out.exitCode()).isEqualTo(3);
            assertThat(out.stdout()).isEqualTo("C\n");
            assertThat(out.stderr()).isEqualTo("oops\n");
        }
    }

    @Test
    void hungCommand_isKilledByTimeout() throws Exception {
        try (LocalExecutor local = new LocalExecutor(1 << 20, false)) {
            CommandOutput out = local.run(Command.of("sleep", "60").withTimeout(Duration.ofSeconds(1)));

            assertThat(out.exitCode()).isEqualTo(124);
            assertThat(out.timedOut()).isTrue();
        }
    }

    @Test
    void outputBeyondTheCap_isTruncatedAndFlagged() throws Exception {
        try (LocalExecutor local = new LocalExecutor(4096, false)) {
            CommandOutput out = local.run(Command.script("flood", "head -c 1000000 /dev/zero | tr '\\0' y"));

            assertThat(out.exitCode()).isZero();
            assertThat(out.truncated()).isTrue();
            assertThat(out.stdout()).hasSize(4096).matches("y+");
        }
    }

    @Test
    void missingProgram_isExit127() throws Exception {
        try (LocalExecutor local = new LocalExecutor(4096, false)) {
            CommandOutput out = local.run(Command.of("caretaker-no-such-tool"));

            assertThat(out.commandMissing()).isTrue();
        }
    }
}
