package org.caretaker.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one finding out of several observations about the same subject (an array, a disk): the severity and
 * runbook anchor are those of the worst observation. One finding per subject keeps its alert state in one place.
 */
public final class Verdict {
    private record Part(Severity severity, String text, String runbook) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    public Verdict add(Severity severity, String text, String runbook) {
        parts.add(new Part(severity, text, runbook));
        return this;
    }

    public Verdict metric(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** One finding whose message strings every observation together, worst first; nothing when there was none. */
    public void emit(Findings f, String subject) {
        if (parts.isEmpty()) {
            return;
        }
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing((Part p) -> p.severity().rank()).reversed());
        Findings.Draft d = f.add(sorted.get(0).severity(), subject, String.join("; ", sorted.stream().map(Part::text).toList()))
                .runbook(sorted.get(0).runbook());
        metrics.forEach(d::metric);
    }

    /**
     * One finding that names only the problems, in the order they were seen ({@code who: problem; problem}); when
     * there is none, the summary and the OK notes ({@code who: summary; note}) under {@code okRunbook}.
     */
    public void emitProblems(Findings f, String subject, String who, String summary, String okRunbook) {
        Severity severity = Severity.OK;
        String runbook = okRunbook;
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Part p : parts) {
            (p.severity() == Severity.OK ? notes : problems).add(p.text());
            if (p.severity().isWorseThan(severity)) {
                severity = p.severity();
                runbook = p.runbook();
            }
        }
        List<String> body = new ArrayList<>();
        if (problems.isEmpty()) {
            body.add(summary);
            body.addAll(notes);
        } else {
            body.addAll(problems);
        }
        Findings.Draft d = f.add(severity, subject, who + ": " + String.join("; ", body)).runbook(runbook);
        metrics.forEach(d::metric);
    }
}
