package org.caretaker.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of one run of checks over hosts: every finding, in host then catalogue order.
 *
 * @param started  when the sweep began
 * @param finished when the last finding was in (at the latest the deadline)
 * @param findings all findings, including one {@code reachability} finding per host
 */
public record Sweep(Instant started, Instant finished, List<Finding> findings) {
    public Sweep {
        findings = List.copyOf(findings);
    }

    public Severity worst() {
        List<Severity> s = new ArrayList<>();
        for (Finding f : findings) {
            s.add(f.severity());
        }
        return Severity.worst(s);
    }

    public Duration took() {
        return Duration.between(started, finished);
    }
}
