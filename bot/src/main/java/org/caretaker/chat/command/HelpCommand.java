package org.caretaker.chat.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.AccessPolicy;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.report.Report;

/** {@code /help}: the commands the asking user may run, with their usage — nothing they would be refused. */
public final class HelpCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("help", "/help", "Lists the commands you can use.", Role.VIEWER);

    private final CommandRegistry registry;
    private final AccessPolicy policy;

    public HelpCommand(CommandRegistry registry, AccessPolicy policy) {
        this.registry = registry;
        this.policy = policy;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) {
        Optional<Role> role = policy.role(req.user(), req.platformRoles());
        if (role.isEmpty()) {
            return Report.text("No commands for you here", Severity.WARN,
                    req.user().qualifiedId() + " is not on the access list; an admin can add it under access.users.");
        }
        List<Report.Line> lines = new ArrayList<>();
        for (CommandSpec s : registry.specs()) {
            if (role.get().includes(s.minimumRole())) {
                lines.add(Report.Line.plain(s.usage() + " — " + s.summary()));
            }
        }
        if (role.get().includes(Role.ADMIN)) {
            lines.add(Report.Line.plain("/confirm <code> — Goes ahead with a command that changes a host, within minutes of asking."));
        }
        return new Report("Commands you can use (" + role.get().id() + ")", Severity.OK, List.of(new Report.Section("", lines)), List.of(), List.of());
    }
}
