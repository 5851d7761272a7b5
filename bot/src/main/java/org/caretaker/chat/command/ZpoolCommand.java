package org.caretaker.chat.command;

import java.util.Optional;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.job.Checks;
import org.caretaker.job.Trigger;
import org.caretaker.report.Report;

/** {@code /zpool status [host]}: the {@code zfs-pools} check now, on one host or every ZFS host. */
public final class ZpoolCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("zpool", "/zpool <action> [host]",
            "ZFS pools: /zpool status runs the zfs-pools check now, on one host or on every ZFS host.", Role.OPERATOR);

    private final Checks checks;

    public ZpoolCommand(Checks checks) {
        this.checks = checks;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        if (!req.args().get(0).equals("status")) {
            return Report.text("/zpool refused", Severity.WARN, "Unknown action '" + req.args().get(0) + "'; known: status.");
        }
        Optional<String> host = req.args().size() > 1 ? Optional.of(req.args().get(1)) : Optional.empty();
        try {
            return FindingsReport.of("zpool status on " + host.orElse("every ZFS host"),
                    checks.runNow("zfs-pools", host, Trigger.chat(req.user().qualifiedId())));
        } catch (IllegalArgumentException e) {
            return Report.text("/zpool refused", Severity.WARN, e.getMessage());
        }
    }
}
