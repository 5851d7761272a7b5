package org.caretaker.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.check.Check;
import org.caretaker.config.HostConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caretaker hosts}: the configured hosts, how they are reached and which checks apply to each. */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "List the configured hosts, how each is reached, its tags and the checks that apply.",
        subcommands = {HostsAddCli.class, HostsCheckCli.class},
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class HostsCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Caretaker caretaker = config.load(spec.commandLine().getErr());
        if (caretaker == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        for (HostConfig h : caretaker.config().hosts()) {
            List<String> checks = caretaker.catalogue().checks().stream().filter(c -> c.runsOn(h)).map(Check::id).toList();
            out.println(h.name());
            out.println("  target: " + h.target() + (h.sudo() ? " (sudo -n for root commands)" : ""));
            out.println("  tags:   " + (h.tags().isEmpty() ? "-" : String.join(", ", h.tags().stream().sorted().toList())));
            out.println("  checks: " + String.join(", ", checks));
            if (!h.skip().isEmpty()) {
                out.println("  off:    " + String.join(", ", h.skip().stream().sorted().toList()) + " (checks.skip)");
            }
        }
        out.flush();
        return 0;
    }
}
