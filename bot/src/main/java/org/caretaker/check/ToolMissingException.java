package org.caretaker.check;

import org.caretaker.exec.CommandOutput;

/**
 * The tool a check needs is not installed on the host (no smartctl, no docker). Reported as UNKNOWN with
 * the tool's name, never as OK and never as a crash.
 */
public final class ToolMissingException extends UnparseableOutputException {
    private final String tool;

    public ToolMissingException(String tool, String text) {
        super(tool + " is not installed or not on the PATH", text);
        this.tool = tool;
    }

    public String tool() {
        return tool;
    }

    /** Throws when the shell said the command does not exist (exit 127/126, "not found"). */
    public static void check(CommandOutput out, String tool) throws ToolMissingException {
        String err = out.stderr();
        if (out.commandMissing()
                || (out.exitCode() != 0 && out.stdout().isBlank()
                    && (err.contains(tool + ": not found") || err.contains(tool + ": command not found")
                        || notExecutable(err, tool)))) {
            throw new ToolMissingException(tool, out.combined());
        }
    }

    /**
     * {@code timeout: failed to run command 'smartctl': No such file or directory} or {@code env: 'smartctl': No
     * such file or directory}: the tool itself is missing. A tool complaining about a missing file of its own
     * ({@code /etc/snapraid.conf: No such file or directory}) is not.
     */
    private static boolean notExecutable(String stderr, String tool) {
        for (String line : stderr.split("\n")) {
            if (line.contains("No such file or directory")
                    && (line.contains("'" + tool + "'") || line.contains("\u2018" + tool + "\u2019") || line.startsWith(tool + ": No such file"))) {
                return true;
            }
        }
        return false;
    }
}
