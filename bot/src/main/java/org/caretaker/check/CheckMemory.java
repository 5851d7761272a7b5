package org.caretaker.check;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a check may remember from its previous run on the same host: when it ran, and the metrics of each
 * subject. Checks use it for "since the last run" (new kernel errors, a restart count that went up). The
 * history store implements it; {@link #NONE} is a first run.
 */
public interface CheckMemory {

    CheckMemory NONE = new CheckMemory() {
        @Override
        public Optional<Instant> lastRun(String host, String check) {
            return Optional.empty();
        }

        @Override
        public OptionalDouble lastMetric(String host, String check, String subject, String metric) {
            return OptionalDouble.empty();
        }
    };

    Optional<Instant> lastRun(String host, String check);

    OptionalDouble lastMetric(String host, String check, String subject, String metric);
}
