package org.caretaker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.caretaker.config.RunnerConfig;
import org.caretaker.discover.Discovery;
import org.caretaker.discover.Proposal;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.LocalExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
    public Integer call() throws IOException, InterruptedException {
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
        } else {
            text = withLocalDiscovery(text, out);
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

    /**
     * Looks at this machine the way {@code hosts add} looks at a remote one, and puts the proposed tags and
     * expectations into the starter's local host, so its first {@code check all} does not guess.
     */
    private static String withLocalDiscovery(String text, PrintWriter out) throws InterruptedException {
        Proposal p;
        try (LocalExecutor here = new LocalExecutor(RunnerConfig.DEFAULTS.outputCap(), false)) {
            p = Proposal.of(Discovery.run(here));
        } catch (ExecException e) {
            out.println(FindingsOutput.printable("could not look at this machine (" + e.getMessage() + "); its tags stay empty"));
            return text;
        }
        List<String> lines = p.yaml(List.of("name: this-machine", "local: true"), 2);
        String entry = String.join("\n", lines.subList(2, lines.size())) + "\n";
        out.println("found on this machine:");
        p.found().forEach(l -> out.println("  " + FindingsOutput.printable(l)));
        return text.replaceFirst("    tags: \\[\\]\n", java.util.regex.Matcher.quoteReplacement(entry));
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
