package org.caretaker.chat.command;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;

/** The answer of a command that ran checks now ({@code /check}, {@code /snapraid}, {@code /zpool}, {@code /smart}): the findings, problems first. */
final class FindingsReport {
    private FindingsReport() {
    }

    static Report of(String where, List<Finding> findings) {
        if (findings.isEmpty()) {
            return Report.text(where + ": nothing ran", Severity.UNKNOWN, "No host matched, so there is nothing to report.");
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Lines.WORST_FIRST);
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        List<Report.Line> lines = new ArrayList<>();
        for (Finding f : sorted.subList(0, Math.min(sorted.size(), Lines.MAX_LINES))) {
            lines.add(f.severity() == Severity.OK ? Report.Line.of(Severity.OK, Lines.describe(f), "")
                    : NotChecked.is(f) ? Report.Line.of(f.severity(), Lines.describe(f), f.runbook()) : Lines.problem(f, ""));
        }
        if (sorted.size() > Lines.MAX_LINES) {
            lines.add(Report.Line.plain("… and " + (sorted.size() - Lines.MAX_LINES) + " more ("
                    + Lines.counts(sorted.subList(Lines.MAX_LINES, sorted.size())) + ")."));
        }
        long notChecked = findings.stream().filter(NotChecked::is).count();
        String title = notChecked == findings.size() ? where + ": not checked"
                : where + ": " + worst.name() + " (" + Lines.counts(findings) + ")";
        return new Report(title, worst,
                List.of(new Report.Section("", lines)), List.of(), List.of());
    }
}
