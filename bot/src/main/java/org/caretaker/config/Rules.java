package org.caretaker.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Self-validation for configuration records: a compact constructor lists every rule it needs and
 * {@link #check()} throws one {@link InvalidValueException} naming all broken ones, field by field. The
 * loader prefixes each with the YAML path of the record.
 */
public final class Rules {
    private final List<String> broken = new ArrayList<>();

    public Rules require(boolean ok, String field, String problem) {
        if (!ok) {
            broken.add(field.isEmpty() ? problem : field + ": " + problem);
        }
        return this;
    }

    public void check() {
        if (!broken.isEmpty()) {
            throw new InvalidValueException(broken);
        }
    }

    /** Thrown by a record constructor; {@link #problems()} are {@code field: problem} sentences. */
    public static final class InvalidValueException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidValueException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
