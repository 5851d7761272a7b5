package org.caretaker.diag;

import java.util.List;
import java.util.Objects;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;

/**
 * A finished diagnostic: what it concluded and everything it gathered to get there.
 *
 * @param kind     which diagnostic
 * @param findings the conclusions, the summary first where there is one
 * @param bundle   the raw answers, attached as a file and kept with the run
 */
public record Diagnosis(DiagKind kind, List<Finding> findings, Bundle bundle) {

    public Diagnosis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bundle, "bundle");
        findings = List.copyOf(findings);
    }

    public Severity worst() {
        return Severity.worst(findings.stream().map(Finding::severity).toList());
    }
}
