package org.caretaker.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of {@code caretaker.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietUnlessServing(args);
        System.exit(commandLine().execute(args));
    }

    /**
     * The bot logs to stderr (the journal, the container log); a one-shot command run from cron must not, since
     * every line is mailed: its findings and one-line errors say everything. Set before the first logger exists,
     * as logback reads these when it starts; an explicit level (see logback.xml) still wins.
     */
    static void quietUnlessServing(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("run");
        System.setProperty("caretaker.log.default", serving ? "INFO" : "OFF");
        System.setProperty("caretaker.log.libraries.default", serving ? "WARN" : "OFF");
    }

    /**
     * The command tree; tests execute it in-process. A usage error quotes what was typed; it is shown through
     * {@link FindingsOutput#printable} so that control characters in an argument cannot drive the terminal.
     * A command that fails unexpectedly says so in one line; its stack trace goes to the log.
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
        cl.setExecutionExceptionHandler((ex, failed, parsed) -> {
            String command = failed.getCommandSpec().qualifiedName();
            LoggerFactory.getLogger(Main.class).error("command failed command=\"{}\"", command, ex);
            PrintWriter err = failed.getErr();
            err.println(FindingsOutput.printable("caretaker: " + command + " failed: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse(""))));
            err.flush();
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return cl;
    }
}
