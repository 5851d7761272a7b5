package org.caretaker.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One judgement about one subject on one host: "pool tank is DEGRADED", "/srv is 91% full".
 *
 * @param check    the check id, e.g. {@code zfs-pools}
 * @param host     the host name from the configuration
 * @param subject  what the finding is about: a mount point, a pool, a disk, a container; {@code -} for the host
 * @param severity how bad it is
 * @param message  one line for people
 * @param metrics  numbers behind the judgement (name → value), kept for history and charts
 * @param runbook  the runbook section that says what to do, e.g. {@code runbook/zfs#degraded-pool}
 */
public record Finding(
        String check,
        String host,
        String subject,
        Severity severity,
        String message,
        Map<String, Double> metrics,
        String runbook) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        runbook = runbook == null ? "" : runbook;
    }

    /** A stable identity for "the same problem": used by acknowledgements and alert state. */
    public String key() {
        return host + "/" + check + "/" + subject;
    }
}
