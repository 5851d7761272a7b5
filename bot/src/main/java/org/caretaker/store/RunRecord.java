package org.caretaker.store;

import java.time.Instant;
import java.util.Optional;
import org.caretaker.check.Severity;

/**
 * One stored run.
 *
 * @param triggerKind {@code schedule}, {@code chat}, {@code cli}, {@code recovery}
 * @param triggeredBy the schedule id or the user who asked
 * @param status      how it stands
 * @param instance    the bot instance that ran it, when several share the database; empty for a bot alone
 */
public record RunRecord(long id, String job, String triggerKind, String triggeredBy, Instant startedAt,
                        Optional<Instant> finishedAt, Optional<Severity> worst, RunStatus status, String summary,
                        Optional<String> instance) {

    /** A run of a bot that runs alone. */
    public RunRecord(long id, String job, String triggerKind, String triggeredBy, Instant startedAt,
                     Optional<Instant> finishedAt, Optional<Severity> worst, RunStatus status, String summary) {
        this(id, job, triggerKind, triggeredBy, startedAt, finishedAt, worst, status, summary, Optional.empty());
    }
}
