package org.caretaker.chat.command;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.BootLayers;
import org.caretaker.config.HostConfig;
import org.caretaker.config.Role;
import org.caretaker.diag.BootValidation;
import org.caretaker.report.Report;

/**
 * {@code /validate}: the boot layers in order on every host, stopping at the first failing layer. The answer
 * names that layer and the finding that stopped it, then lists each layer that ran, lowest first, because the
 * lowest layer that is not ready is where to start.
 */
public final class ValidateCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("validate", "/validate",
            "Runs the boot layers in order (hypervisor, storage, compute, services, monitoring) and stops at the first that fails.",
            Role.OPERATOR);

    private final BootValidation validation;
    private final List<HostConfig> hosts;
    private final BootLayers layers;

    public ValidateCommand(BootValidation validation, List<HostConfig> hosts, BootLayers layers) {
        this.validation = validation;
        this.hosts = List.copyOf(hosts);
        this.layers = layers;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        return report(validation.run(hosts, layers));
    }

    static Report report(BootValidation.Result r) {
        List<Report.Section> sections = new ArrayList<>();
        for (BootValidation.LayerResult l : r.layers()) {
            String heading = "Layer " + l.layer().number() + " " + l.layer().name() + ": "
                    + (l.skipped() ? "not checked" : l.failed() ? "FAILED" : "passed");
            List<Report.Line> lines = new ArrayList<>();
            List<Finding> sorted = new ArrayList<>(l.findings());
            sorted.sort(Lines.WORST_FIRST);
            for (Finding f : sorted.subList(0, Math.min(sorted.size(), Lines.MAX_LINES))) {
                lines.add(Report.Line.of(f.severity(), Lines.describe(f), f.runbook()));
            }
            if (sorted.size() > Lines.MAX_LINES) {
                lines.add(Report.Line.plain("… and " + (sorted.size() - Lines.MAX_LINES) + " more."));
            }
            lines.add(Report.Line.of(null, "What this layer needs:", l.layer().runbook()));
            sections.add(new Report.Section(heading, lines));
        }
        if (!r.notReached().isEmpty()) {
            sections.add(Report.Section.of("Not checked", "Layers above the failed one: " + String.join(", ",
                    r.notReached().stream().map(l -> l.number() + " " + l.name()).toList()) + "."));
        }
        Severity worst = Severity.worst(r.findings().stream().map(Finding::severity).toList());
        return new Report("/validate: " + r.verdict(), worst, sections, List.of(), List.of());
    }
}
