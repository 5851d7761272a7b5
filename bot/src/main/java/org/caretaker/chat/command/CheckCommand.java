package org.caretaker.chat.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.config.Role;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.job.Checks;
import org.caretaker.job.Trigger;
import org.caretaker.report.Report;

/**
 * {@code /check <check> [host]}: runs a check now, stored like any run, and answers with what it found,
 * problems first. Unknown check or host names are refused by {@link Checks} with the known ones.
 */
public final class CheckCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("check", "/check <check> [host]",
            "Runs a check (or all) now, on one host or on every host it applies to.", Role.OPERATOR);

    private final Checks checks;

    public CheckCommand(Checks checks) {
        this.checks = checks;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        String check = req.args().get(0);
        Optional<String> host = req.args().size() > 1 ? Optional.of(req.args().get(1)) : Optional.empty();
        List<Finding> findings;
        try {
            findings = checks.runNow(check, host, Trigger.chat(req.user().qualifiedId()));
        } catch (IllegalArgumentException e) {
            return Report.text("/check refused", Severity.WARN, e.getMessage());
        }
        String where = check + " on " + host.orElse("every host");
        if (findings.isEmpty()) {
            return Report.text(where + ": nothing ran", Severity.UNKNOWN, "No host matched, so there is nothing to report.");
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Lines.WORST_FIRST);
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        List<Report.Line> lines = new ArrayList<>();
        for (Finding f : sorted.subList(0, Math.min(sorted.size(), Lines.MAX_LINES))) {
            lines.add(f.severity() == Severity.OK ? Report.Line.of(Severity.OK, Lines.describe(f), "") : Lines.problem(f, ""));
        }
        if (sorted.size() > Lines.MAX_LINES) {
            lines.add(Report.Line.plain("… and " + (sorted.size() - Lines.MAX_LINES) + " more (" + Lines.counts(sorted.subList(Lines.MAX_LINES, sorted.size())) + ")."));
        }
        return new Report(where + ": " + worst.name() + " (" + Lines.counts(findings) + ")", worst,
                List.of(new Report.Section("", lines)), List.of(), List.of());
    }
}
