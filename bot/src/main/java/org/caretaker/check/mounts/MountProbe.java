package org.caretaker.check.mounts;

/**
 * What touching one expected mount point said: {@code stat -f} run under the host's {@code timeout}.
 *
 * @param path     the mount point probed
 * @param exitCode 0 when the filesystem answered; 124 or 137 when {@code timeout} had to end it
 * @param millis   how long it took on the host, -1 when the host's {@code date} cannot measure it
 * @param output   what stat printed (the filesystem's type name, or its error) on one line
 */
public record MountProbe(String path, int exitCode, long millis, String output) {

    /** GNU timeout's exit codes: TERM sent (124), or KILL after it was ignored (137). */
    public boolean timedOut() {
        return exitCode == 124 || exitCode == 137;
    }

    public boolean answered() {
        return exitCode == 0;
    }

    /** The error itself without stat's preamble: "Host is down" rather than "stat: cannot read ... '/x': Host is down". */
    public String reason() {
        String prefix = "'" + path + "': ";
        int at = output.lastIndexOf(prefix);
        String r = at >= 0 ? output.substring(at + prefix.length()) : output;
        return r.strip();
    }
}
