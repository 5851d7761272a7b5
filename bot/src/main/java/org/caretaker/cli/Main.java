package org.caretaker.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code caretaker.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree; tests execute it in-process. A usage error quotes what was typed; it is shown through
     * {@link FindingsOutput#printable} so that control characters in an argument cannot drive the terminal.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CaretakerCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            ex.getMessage().lines().forEach(l -> err.println(FindingsOutput.printable(l)));
            failed.usage(err);
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }
}
