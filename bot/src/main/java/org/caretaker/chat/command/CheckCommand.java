package org.caretaker.chat.command;

import java.util.List;
import java.util.Optional;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
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
        return FindingsReport.of(check + " on " + host.orElse("every host"), findings);
    }
}
