package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;

/**
 * Builds one finding out of several observations about the same subject: the message strings them
 * together worst first, the severity and runbook anchor are those of the worst. One finding per array keeps
 * its alert state in one place.
 */
final class Verdict {
    private record Part(Severity severity, String text, String runbook) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    Verdict add(Severity severity, String text, String runbook) {
        parts.add(new Part(severity, text, runbook));
        return this;
    }

    Verdict metric(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    void emit(Findings f, String subject) {
        if (parts.isEmpty()) {
            return;
        }
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparing((Part p) -> p.severity().rank()).reversed());
        List<String> texts = sorted.stream().map(Part::text).toList();
        Findings.Draft d = f.add(sorted.get(0).severity(), subject, String.join("; ", texts)).runbook(sorted.get(0).runbook());
        metrics.forEach(d::metric);
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
