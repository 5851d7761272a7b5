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
 * {@code /smart <host> [disk]}: the {@code smart} check now on one host, every disk or the one named
 * ({@code sda} or {@code /dev/sda}).
 */
public final class SmartCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("smart", "/smart <host> [disk]",
            "Runs the SMART check now on a host, for every disk or the one named.", Role.OPERATOR);

    private final Checks checks;

    public SmartCommand(Checks checks) {
        this.checks = checks;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        String host = req.args().get(0);
        Optional<String> disk = req.args().size() > 1 ? Optional.of(req.args().get(1)) : Optional.empty();
        List<Finding> findings;
        try {
            findings = checks.runNow("smart", Optional.of(host), Trigger.chat(req.user().qualifiedId()));
        } catch (IllegalArgumentException e) {
            return Report.text("/smart refused", Severity.WARN, e.getMessage());
        }
        if (disk.isPresent()) {
            String d = disk.get().startsWith("/dev/") ? disk.get() : "/dev/" + disk.get();
            List<Finding> one = findings.stream().filter(f -> f.subject().equals(d) || f.subject().equals(disk.get())).toList();
            if (one.isEmpty()) {
                return Report.text("/smart refused", Severity.WARN, "No disk '" + disk.get() + "' on " + host + "; found: "
                        + String.join(", ", findings.stream().map(Finding::subject).distinct().toList()) + ".");
            }
            findings = one;
        }
        return FindingsReport.of("smart on " + host + disk.map(x -> " " + x).orElse(""), findings);
    }
}
