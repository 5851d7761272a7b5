package org.caretaker.chat.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.HostConfig;
import org.caretaker.config.Role;
import org.caretaker.discover.HostDiscovery;
import org.caretaker.discover.Proposal;
import org.caretaker.exec.ExecException;
import org.caretaker.report.Report;

/**
 * {@code /hosts discover <host>}: what a configured host runs now, the entry Caretaker would propose for it,
 * and what differs from its entry. Read-only on the host, and nothing is written from chat: the configuration
 * changes only through {@code caretaker hosts add} at a terminal.
 */
public final class HostsCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("hosts", "/hosts <action> <host>",
            "/hosts discover: what a host runs, and the tags and expectations to set for it; writes nothing.",
            Role.ADMIN);

    private final HostDiscovery discovery;
    private final List<HostConfig> hosts;

    public HostsCommand(HostDiscovery discovery, List<HostConfig> hosts) {
        this.discovery = discovery;
        this.hosts = List.copyOf(hosts);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        if (!req.args().get(0).equals("discover")) {
            return Report.text("/hosts refused", Severity.WARN, "Unknown action '" + req.args().get(0) + "'; known: discover.");
        }
        if (req.args().size() < 2) {
            return Report.text("/hosts refused", Severity.WARN, "Name the host: /hosts discover <host>; configured: " + names() + ".");
        }
        String name = req.args().get(1);
        Optional<HostConfig> host = hosts.stream().filter(h -> h.name().equals(name)).findFirst();
        if (host.isEmpty()) {
            return Report.text("/hosts refused", Severity.WARN, "Unknown host '" + name + "'; configured: " + names() + ".");
        }
        Proposal p;
        try {
            p = Proposal.of(discovery.discover(host.get()));
        } catch (ExecException e) {
            return Report.text("Discovery on " + name, Severity.UNREACHABLE, e.getMessage());
        }
        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Section("Found", p.found().stream().map(Report.Line::plain).toList()));
        List<String> changes = p.changesSince(host.get());
        sections.add(new Report.Section("Compared with its entry", changes.isEmpty()
                ? List.of(Report.Line.plain("nothing changed"))
                : changes.stream().map(Report.Line::plain).toList()));
        List<String> connection = new ArrayList<>(List.of("name: " + name));
        sections.add(new Report.Section("Proposed tags and expectations (not written; caretaker hosts check " + name + " at a terminal)",
                p.yaml(connection, 0).stream().map(Report.Line::code).toList()));
        if (!p.notes().isEmpty()) {
            sections.add(new Report.Section("Notes", p.notes().stream().map(Report.Line::plain).toList()));
        }
        return new Report("Discovery on " + name, changes.isEmpty() ? Severity.OK : Severity.WARN, sections, List.of(), List.of());
    }

    private String names() {
        return String.join(", ", hosts.stream().map(HostConfig::name).toList());
    }
}
