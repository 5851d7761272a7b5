package org.caretaker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.config.HostConfig;
import org.caretaker.discover.Discovery;
import org.caretaker.discover.Proposal;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker hosts check}: discovery again on a configured host, and what differs from its entry (a new
 * pool, a container that is gone, a mount no longer in fstab). Changes nothing, anywhere.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Discover what a configured host runs now and show what differs from its entry; changes nothing.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3,
        footerHeading = "%nExit status:%n", footer = {"  0  nothing changed", "  1  something changed", "  2  the host could not be reached",
                "  3  a usage or configuration error"})
public final class HostsCheckCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "A configured host.")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Caretaker caretaker = config.load(err);
        if (caretaker == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        Optional<HostConfig> host = caretaker.config().hosts().stream().filter(h -> h.name().equals(name)).findFirst();
        if (host.isEmpty()) {
            err.println(FindingsOutput.printable("caretaker: no host named " + name + "; configured: "
                    + String.join(", ", caretaker.config().hosts().stream().map(HostConfig::name).toList())));
            err.flush();
            return ConfigOption.CONFIG_ERROR;
        }
        Proposal now;
        try (Executor ex = caretaker.executors().open(host.get())) {
            now = Proposal.of(Discovery.run(ex));
        } catch (ExecException e) {
            err.println(FindingsOutput.printable("caretaker: " + name + ": " + e.getMessage()));
            err.flush();
            return 2;
        }
        List<String> changes = now.changesSince(host.get());
        if (changes.isEmpty()) {
            out.println(FindingsOutput.printable(name + ": nothing changed since its entry was written"));
        } else {
            out.println(FindingsOutput.printable(name + ": " + changes.size() + " change(s) since its entry was written (nothing was changed):"));
            changes.forEach(c -> out.println("  " + FindingsOutput.printable(c)));
        }
        now.notes().forEach(n -> out.println("  note: " + FindingsOutput.printable(n)));
        out.flush();
        return changes.isEmpty() ? 0 : 1;
    }
}
