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
 * @param findings    how many findings it had as it ended (0 while running)
 */
public record RunRecord(long id, String job, String triggerKind, String triggeredBy, Instant startedAt,
                        Optional<Instant> finishedAt, Optional<Severity> worst, RunStatus status, String summary,
                        Optional<String> instance, int findings) {

    public RunRecord(long id, String job, String triggerKind, String triggeredBy, Instant startedAt,
                     Optional<Instant> finishedAt, Optional<Severity> worst, RunStatus status, String summary,
                     Optional<String> instance) {
        this(id, job, triggerKind, triggeredBy, startedAt, finishedAt, worst, status, summary, instance, 0);
    }

    /**
     * The severity a run stands for wherever runs are listed: a run that finished, its worst finding; one that
     * failed or was interrupted never OK (its worst finding so far, at least UNKNOWN); one still running, none.
     */
    public Optional<Severity> verdict() {
        return switch (status) {
            case FINISHED -> Optional.of(worst.orElse(Severity.UNKNOWN));
            case FAILED, INTERRUPTED -> Optional.of(worst.filter(w -> w.isWorseThan(Severity.UNKNOWN)).orElse(Severity.UNKNOWN));
            case RUNNING -> Optional.empty();
        };
    }

    /** A run of a bot that runs alone. */
    public RunRecord(long id, String job, String triggerKind, String triggeredBy, Instant startedAt,
                     Optional<Instant> finishedAt, Optional<Severity> worst, RunStatus status, String summary) {
        this(id, job, triggerKind, triggeredBy, startedAt, finishedAt, worst, status, summary, Optional.empty());
    }
}
