package org.caretaker.cli;

import picocli.CommandLine;

/** Entry point of {@code caretaker.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree; tests execute it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CaretakerCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
