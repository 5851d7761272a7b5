package org.caretaker.chat.command;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.report.Report;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.StoredState;

/**
 * {@code /status [host]}: the stored latest state, read from the history store — it runs nothing. The
 * worst severity and the counts first, then every finding that is not OK with the id {@code /ack} takes.
 */
public final class StatusCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("status", "/status [host]",
            "Shows what is wrong now, from the latest stored results.", Role.VIEWER);

    private final HistoryStore store;
    private final ZoneId zone;

    public StatusCommand(HistoryStore store) {
        this(store, ZoneId.of("UTC"));
    }

    /** @param zone the zone "since" times are shown in */
    public StatusCommand(HistoryStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        List<StoredState> all = store.latest();
        if (all.isEmpty()) {
            return Report.text("Nothing checked yet", Severity.UNKNOWN, "No check has run yet: try /check all, or wait for the first schedule.");
        }
        Optional<String> host = req.args().isEmpty() ? Optional.empty() : Optional.of(req.args().get(0));
        List<StoredState> states = host.map(h -> all.stream().filter(s -> s.finding().host().equals(h)).toList()).orElse(all);
        if (states.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            all.forEach(s -> known.add(s.finding().host()));
            return Report.text("/status refused", Severity.WARN,
                    "No check has run on host '" + host.get() + "'; hosts with results: " + String.join(", ", known) + ".");
        }
        List<Finding> findings = states.stream().map(StoredState::finding).toList();
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        int checks = (int) findings.stream().map(f -> f.host() + "/" + f.check()).distinct().count();
        int hosts = (int) findings.stream().map(Finding::host).distinct().count();
        String where = host.map(h -> "on " + h).orElse("on " + Lines.plural(hosts, "host"));
        if (worst == Severity.OK) {
            return Report.text("All " + Lines.plural(checks, "check") + " OK " + where, Severity.OK,
                    "Every latest result is OK (" + Lines.plural(findings.size(), "subject") + ").");
        }
        List<StoredState> bad = new ArrayList<>(states.stream().filter(s -> s.finding().severity() != Severity.OK).toList());
        bad.sort((a, b) -> Lines.WORST_FIRST.compare(a.finding(), b.finding()));
        List<Report.Line> lines = new ArrayList<>();
        for (StoredState s : bad.subList(0, Math.min(bad.size(), Lines.MAX_LINES))) {
            lines.add(Lines.problem(s.finding(), " (since " + Lines.time(s.since(), zone) + ")"));
        }
        if (bad.size() > Lines.MAX_LINES) {
            lines.add(Report.Line.plain("… and " + (bad.size() - Lines.MAX_LINES) + " more; /status <host> narrows it down."));
        }
        String title = "Status " + worst.name() + ": " + Lines.counts(findings) + " across " + Lines.plural(checks, "check") + " " + where;
        return new Report(title, worst, List.of(new Report.Section("Needs attention", lines)), List.of(), List.of());
    }
}
