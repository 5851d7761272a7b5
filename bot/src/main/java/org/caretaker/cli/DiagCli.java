package org.caretaker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.config.HostConfig;
import org.caretaker.diag.BundleArchive;
import org.caretaker.diag.DiagKind;
import org.caretaker.diag.Diagnosis;
import org.caretaker.diag.Diagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker diag freeze|storage|containers|k8s [--host H] [--json]}: one diagnostic bundle gathered now,
 * its findings printed, the raw bundle kept under the data directory ({@code <data-dir>/diag/}).
 */
@Command(name = "diag", mixinStandardHelpOptions = true,
        description = "Gather a diagnostic bundle on one host (freeze, storage, containers, k8s), print what it shows "
                + "and keep the raw output under the data directory.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class DiagCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "KIND", description = "freeze, storage, containers or k8s.")
    String kind;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "The host (default: the only host; for k8s the only k3s server).")
    String host;

    @Option(names = "--json", description = "Print {\"findings\":[...]} instead of a table.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<DiagKind> k = DiagKind.of(kind);
        if (k.isEmpty()) {
            err.println(FindingsOutput.printable("caretaker diag: unknown diagnostic '" + kind + "'; known: " + DiagKind.known()));
            err.flush();
            return 3;
        }
        Caretaker caretaker = config.load(err);
        if (caretaker == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        Diagnostics diagnostics = new Diagnostics(caretaker.config(), caretaker.executors(), caretaker.clock());
        HostConfig target;
        try {
            target = diagnostics.host(k.get(), Optional.ofNullable(host));
        } catch (IllegalArgumentException e) {
            err.println(FindingsOutput.printable("caretaker diag: " + e.getMessage()));
            err.flush();
            return 3;
        }
        Diagnosis d = diagnostics.run(k.get(), target);
        if (json) {
            FindingsOutput.json(d.findings(), out);
        } else {
            FindingsOutput.table(d.findings(), out);
        }
        try {
            Path saved = new BundleArchive(caretaker.config().store().dataDir()).save(d.bundle());
            err.println("caretaker diag: raw bundle saved to " + saved);
        } catch (IOException e) {
            err.println("caretaker diag: could not save the raw bundle: " + e.getMessage());
        }
        err.flush();
        return FindingsOutput.exitCode(d.findings());
    }
}
