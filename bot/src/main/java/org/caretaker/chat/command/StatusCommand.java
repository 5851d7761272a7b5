package org.caretaker.chat.command;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.caretaker.alert.Ack;
import org.caretaker.alert.Acknowledger;
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
    private final Acknowledger acks;

    public StatusCommand(HistoryStore store) {
        this(store, ZoneId.of("UTC"));
    }

    /** @param zone the zone "since" times are shown in */
    public StatusCommand(HistoryStore store, ZoneId zone) {
        this(store, zone, new Acknowledger() {
            @Override
            public String ack(String shortId, String by, Optional<java.time.Duration> ttl) {
                throw new IllegalStateException("no acks here");
            }
        });
    }

    /** @param acks where acks are kept: acknowledged findings are listed apart, with who, when and until */
    public StatusCommand(HistoryStore store, ZoneId zone, Acknowledger acks) {
        this.store = store;
        this.zone = zone;
        this.acks = acks;
    }

    private static boolean isHeld(Ack a) {
        return a != null && a.holds();
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
        Map<String, Ack> acked = acks.acks();
        List<StoredState> held = bad.stream().filter(s -> isHeld(acked.get(s.finding().key()))).toList();
        bad.removeAll(held);
        List<Report.Line> lines = new ArrayList<>();
        for (StoredState s : bad.subList(0, Math.min(bad.size(), Lines.MAX_LINES))) {
            Ack a = acked.get(s.finding().key());
            String rearmed = a == null ? "" : "; re-armed " + Lines.time(a.rearmedAt().orElseThrow(), zone)
                    + ": the value changed after " + a.by() + "'s ack";
            lines.add(Lines.problem(s.finding(), " (since " + Lines.time(s.since(), zone) + rearmed + ")"));
        }
        if (bad.size() > Lines.MAX_LINES) {
            lines.add(Report.Line.plain("… and " + (bad.size() - Lines.MAX_LINES) + " more; /status <host> narrows it down."));
        }
        List<Report.Section> sections = new ArrayList<>();
        if (!lines.isEmpty()) {
            sections.add(new Report.Section("Needs attention", lines));
        }
        if (!held.isEmpty()) {
            List<Report.Line> ackLines = new ArrayList<>();
            for (StoredState s : held.subList(0, Math.min(held.size(), Lines.MAX_LINES))) {
                Ack a = acked.get(s.finding().key());
                ackLines.add(Report.Line.of(s.finding().severity(), Lines.describe(s.finding()) + " — acked by " + a.by()
                        + a.at().map(t -> " at " + Lines.time(t, zone)).orElse("") + ", until " + Lines.time(a.until().orElseThrow(), zone)
                        + " or until it changes", s.finding().runbook()));
            }
            sections.add(new Report.Section("Acknowledged", ackLines));
        }
        String ackCount = held.isEmpty() ? "" : " (" + held.size() + " acknowledged)";
        String title = "Status " + worst.name() + ": " + Lines.counts(findings) + ackCount + " across " + Lines.plural(checks, "check") + " " + where;
        return new Report(title, worst, sections, List.of(), List.of());
    }
}
