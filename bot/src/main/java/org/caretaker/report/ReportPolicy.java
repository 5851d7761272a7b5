package org.caretaker.report;

import java.util.Locale;
import java.util.Optional;

/**
 * When a scheduled run speaks up in chat.
 *
 * <ul>
 *   <li>{@code CHANGES}: only when something changed state (a new failure, a resolved one, a reminder);</li>
 *   <li>{@code ALWAYS}: a short report after every run, even when all is well;</li>
 *   <li>{@code DIGEST}: one digest per run with what changed since the previous run of the job.</li>
 * </ul>
 */
public enum ReportPolicy {
    CHANGES, ALWAYS, DIGEST;

    /** The lower-case name used in schedule files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportPolicy> parse(String text) {
        for (ReportPolicy p : values()) {
            if (p.id().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
