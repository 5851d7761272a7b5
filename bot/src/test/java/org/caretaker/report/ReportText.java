package org.caretaker.report;

import java.util.ArrayList;
import java.util.List;

/** A report as plain lines, so tests assert its whole structure at once (not a renderer: no platform cares). */
final class ReportText {
    private ReportText() {
    }

    static List<String> of(Report r) {
        List<String> out = new ArrayList<>();
        out.add(r.severity() + " " + r.title());
        for (Report.Section s : r.sections()) {
            out.add("## " + s.heading());
            for (Report.Line l : s.lines()) {
                out.add((l.severity() == null ? "" : "[" + l.severity() + "] ") + l.text() + (l.runbook().isEmpty() ? "" : " <" + l.runbook() + ">"));
            }
        }
        return out;
    }
}
