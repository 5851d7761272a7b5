package org.caretaker.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.check.Check;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Sweep;
import org.caretaker.config.HostConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caretaker check <check|all> [--host H] [--json]}: one sweep, printed, with a Nagios exit status. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run one check, or all of them, on the configured hosts and print the findings.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class CheckCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "CHECK", description = "A check id (see 'caretaker hosts' for which apply where), or 'all'.")
    String check;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Only this host (repeatable). Default: every host.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"findings\":[...]} instead of a table.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Caretaker caretaker = config.load(err);
        if (caretaker == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        List<Check> checks;
        if (check.equals("all")) {
            checks = caretaker.catalogue().checks();
        } else {
            var c = caretaker.catalogue().check(check);
            if (c.isEmpty()) {
                err.println(FindingsOutput.printable("caretaker: unknown check '" + check + "'; known: all, "
                        + String.join(", ", caretaker.catalogue().checks().stream().map(Check::id).toList())));
                err.flush();
                return 3;
            }
            checks = List.of(c.get());
        }
        List<HostConfig> selected = new ArrayList<>();
        for (String name : hosts) {
            var h = caretaker.config().host(name);
            if (h.isEmpty()) {
                err.println(FindingsOutput.printable("caretaker: unknown host '" + name + "'; configured: "
                        + String.join(", ", caretaker.config().hosts().stream().map(HostConfig::name).toList())));
                err.flush();
                return 3;
            }
            selected.add(h.get());
        }
        if (selected.isEmpty()) {
            selected = caretaker.config().hosts();
        }
        if (!check.equals("all")) {
            Check only = checks.get(0);
            List<HostConfig> applicable = selected.stream().filter(only::runsOn).toList();
            if (applicable.isEmpty()) {
                // Nothing checked is an answer (UNKNOWN, exit 3), printed like any other, never an empty OK table.
                List<Finding> none = NotChecked.of(selected, checks);
                if (json) {
                    FindingsOutput.json(none, out);
                } else {
                    FindingsOutput.table(none, out);
                }
                return FindingsOutput.exitCode(none);
            }
            selected = applicable;
        }
        Sweep sweep = caretaker.runner(CheckMemory.NONE).run(selected, checks);
        if (json) {
            FindingsOutput.json(sweep.findings(), out);
        } else {
            FindingsOutput.table(sweep.findings(), out);
        }
        return FindingsOutput.exitCode(sweep.findings());
    }
}
