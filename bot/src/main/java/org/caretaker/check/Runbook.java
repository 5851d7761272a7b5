package org.caretaker.check;

/**
 * Runbook anchors used by the engine itself. Checks name their own anchors beside their findings; a test
 * checks that every anchor resolves to a real section of {@code content/}.
 */
public final class Runbook {
    public static final String HOST_UNREACHABLE = "runbook/caretaker#host-unreachable";
    public static final String AUTH_FAILED = "runbook/caretaker#auth-failed";
    public static final String HOST_KEY_REFUSED = "runbook/caretaker#host-key-refused";
    public static final String COMMAND_TIMEOUT = "runbook/caretaker#command-timeout";
    public static final String UNKNOWN_OUTPUT = "runbook/caretaker#unknown-output";
    public static final String TOOL_MISSING = "runbook/caretaker#tool-missing";

    private Runbook() {
    }
}
