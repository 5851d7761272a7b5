package org.caretaker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker init}: a starter {@code caretaker.yaml} (this machine through the local executor, plus
 * commented chat and alert sections) and the {@code keys/} and {@code schedules/} folders beside it. It never
 * overwrites: an existing file is left as it is and the command fails.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a starter caretaker.yaml into a directory (never overwriting one), with keys/ and schedules/ beside it.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class InitCli implements Callable<Integer> {
    static final String STARTER = "/init/caretaker.yaml";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where to write caretaker.yaml (default: the current directory).")
    Path dir;

    @Option(names = "--without-local", description = "Leave this machine out: the hosts list starts empty.")
    boolean withoutLocal;

    Terminal terminal = Terminal.system();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path target = (dir == null ? Path.of(".") : dir).toAbsolutePath().normalize();
        Path file = target.resolve("caretaker.yaml");
        if (Files.exists(file)) {
            err.println(FindingsOutput.printable("caretaker: " + file + " already exists; nothing was written (edit it, or use another directory)"));
            err.flush();
            return ConfigOption.CONFIG_ERROR;
        }
        boolean local = !withoutLocal;
        if (!withoutLocal && terminal.interactive()) {
            out.println(FindingsOutput.printable("Writing a starter configuration to " + file + "."));
            local = terminal.yes(out, "Look after this machine too (no SSH, the local executor)?", true);
        }
        String text = starter();
        if (!local) {
            text = text.replaceFirst("(?s)hosts:\\n  - name: this-machine\\n.*?    tags: \\[\\]\\n", "hosts: []\n");
        }
        Files.createDirectories(target);
        Files.createDirectories(target.resolve("schedules"));
        Path keys = Files.createDirectories(target.resolve("keys"));
        try {
            Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to tighten.
        }
        // CREATE_NEW: a file that appeared since the check above is still never overwritten.
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out.println(FindingsOutput.printable("wrote " + file));
        out.println("next:");
        out.println("  ssh-keygen -t ed25519 -N '' -C caretaker -f " + FindingsOutput.printable(keys.resolve("caretaker_ed25519").toString()));
        out.println("  caretaker hosts add NAME ADDRESS --user USER --config " + FindingsOutput.printable(file.toString()));
        out.println("  caretaker check all --config " + FindingsOutput.printable(file.toString()));
        out.flush();
        return 0;
    }

    static String starter() throws IOException {
        try (InputStream in = InitCli.class.getResourceAsStream(STARTER)) {
            if (in == null) {
                throw new IOException("the starter configuration is missing from the jar (" + STARTER + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
