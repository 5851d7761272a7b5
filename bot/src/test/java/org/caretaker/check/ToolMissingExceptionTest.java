package org.caretaker.check;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.caretaker.exec.CommandOutput;
import org.junit.jupiter.api.Test;

class ToolMissingExceptionTest {

    private static CommandOutput failed(int exit, String stderr) {
        return new CommandOutput(exit, "", stderr, java.time.Duration.ZERO, false);
    }

    @Test
    void theToolItselfMissing_isReportedAsMissing() {
        assertThatThrownBy(() -> ToolMissingException.check(failed(1, "timeout: failed to run command \u2018snapraid\u2019: No such file or directory\n"), "snapraid"))
                .isInstanceOf(ToolMissingException.class);
        assertThatThrownBy(() -> ToolMissingException.check(failed(1, "env: 'smartctl': No such file or directory\n"), "smartctl"))
                .isInstanceOf(ToolMissingException.class);
        assertThatThrownBy(() -> ToolMissingException.check(failed(1, "sudo: zpool: command not found\n"), "zpool"))
                .isInstanceOf(ToolMissingException.class);
    }

    @Test
    void aFileTheToolNeeds_missing_isNotTheToolMissing() {
        assertThatCode(() -> ToolMissingException.check(
                failed(1, "Error opening the configuration file '/etc/snapraid.conf': No such file or directory\n"), "snapraid"))
                .doesNotThrowAnyException();
        assertThatCode(() -> ToolMissingException.check(failed(2, "snapraid: /srv/parity/snapraid.parity: No such file or directory\n"), "snapraid"))
                .doesNotThrowAnyException();
    }
}
