package org.caretaker.exec;

import java.time.Duration;

/**
 * What a command left behind. {@code exitCode} is 124 (or 137) when the host-side {@code timeout} killed it;
 * {@code truncated} is true when stdout or stderr was longer than the executor's byte cap and the rest was
 * thrown away.
 */
public record CommandOutput(int exitCode, String stdout, String stderr, Duration duration, boolean truncated) {

    /** Exit codes of GNU {@code timeout}: 124 after TERM, 137 (128 + KILL) after {@code -k}. */
    public boolean timedOut() {
        return exitCode == 124 || exitCode == 137;
    }

    /** The shell's "command not found" (127) or "not executable" (126). */
    public boolean commandMissing() {
        return exitCode == 127 || exitCode == 126;
    }

    /** stdout followed by stderr, for excerpts in findings. */
    public String combined() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }
}
