package org.caretaker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.config.BootLayers;
import org.caretaker.diag.BootValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker validate [--json]}: the layered boot validation, layer 0 first, stopping at the first layer
 * with a CRIT or unreachable finding. The layers come from the configuration's {@code validate:} section, or
 * the default layers when it has none.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run the boot layers in order (0 hypervisor, 1 storage, 2 compute, 3 services, 4 monitoring) "
                + "and stop at the first one that fails.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class ValidateCli implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print {\"layers\":[...],\"verdict\":...} instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Caretaker caretaker = config.load(err);
        if (caretaker == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        BootLayers layers = caretaker.config().validate();
        BootValidation.Result r = new BootValidation(caretaker.runner(CheckMemory.NONE), caretaker.catalogue())
                .run(caretaker.config().hosts(), layers);
        if (json) {
            json(r, out);
        } else {
            table(r, out);
        }
        return FindingsOutput.exitCode(r.findings());
    }

    private static void table(BootValidation.Result r, PrintWriter out) {
        for (BootValidation.LayerResult l : r.layers()) {
            out.println("layer " + l.layer().number() + " " + l.layer().name() + ": "
                    + (l.skipped() ? "not checked" : l.worst().name()));
            for (Finding f : l.findings()) {
                out.printf("  %-11s %-12s %s  %s%n", f.severity().name(), FindingsOutput.printable(f.host()), f.check(),
                        FindingsOutput.printable(f.subject().equals("-") ? f.message() : f.subject() + ": " + f.message()));
            }
        }
        for (var l : r.notReached()) {
            out.println("layer " + l.number() + " " + l.name() + ": not checked (above the failed layer)");
        }
        out.println();
        out.println(FindingsOutput.printable(r.verdict()));
        out.flush();
    }

    private static void json(BootValidation.Result r, PrintWriter out) throws Exception {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (BootValidation.LayerResult l : r.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", l.layer().number());
            m.put("name", l.layer().name());
            m.put("status", l.skipped() ? "not checked" : l.failed() ? "failed" : "passed");
            m.put("worst", l.worst().name());
            List<Map<String, Object>> findings = new ArrayList<>();
            for (Finding f : l.findings()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("check", f.check());
                fm.put("host", f.host());
                fm.put("subject", f.subject());
                fm.put("severity", f.severity().name());
                fm.put("message", f.message());
                fm.put("runbook", f.runbook());
                findings.add(fm);
            }
            m.put("findings", findings);
            layers.add(m);
        }
        for (var l : r.notReached()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", l.number());
            m.put("name", l.name());
            m.put("status", "not checked");
            layers.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("layers", layers);
        doc.put("failedLayer", r.failedLayer().map(l -> l.layer().number()).orElse(null));
        doc.put("passed", r.passed());
        doc.put("counts", r.counts());
        doc.put("verdict", r.verdict());
        out.println(JSON.writeValueAsString(doc));
        out.flush();
    }
}
