package org.caretaker.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caretaker.Caretaker;
import org.caretaker.config.ConfigException;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by commands that need the lab's configuration. */
final class ConfigOption {
    static final int CONFIG_ERROR = 3;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: $CARETAKER_CONFIG, else caretaker.yaml in the current directory).")
    Path file;

    Path resolve() {
        if (file != null) {
            return file;
        }
        String env = System.getenv("CARETAKER_CONFIG");
        return Path.of(env != null && !env.isBlank() ? env : "caretaker.yaml");
    }

    /** Loads the configuration, or prints every problem to {@code err} and returns null. */
    Caretaker load(PrintWriter err) {
        Path p = resolve();
        if (!Files.exists(p)) {
            err.println(FindingsOutput.printable("caretaker: configuration file " + p
                    + " not found (use --config FILE; examples/local.yaml looks after this machine)"));
            err.flush();
            return null;
        }
        try {
            return Caretaker.load(p);
        } catch (ConfigException e) {
            err.println("caretaker: the configuration is not usable; nothing was started:");
            for (String problem : e.problems()) {
                err.println("  " + FindingsOutput.printable(problem));
            }
            err.flush();
            return null;
        }
    }
}
