package org.caretaker.store;

import java.time.Instant;
import java.util.Optional;
import org.caretaker.check.Severity;

/**
 * One stored run.
 *
 * @param triggerKind {@code schedule}, {@code chat}, {@code cli}, {@code recovery}
 * @param triggeredBy the schedule id or the user who asked
 * @param status      {@code running}, {@code finished}, {@code failed}, {@code abandoned}
 */
public record RunRecord(long id, String job, String triggerKind, String triggeredBy, Instant startedAt,
                        Optional<Instant> finishedAt, Optional<Severity> worst, String status, String summary) {
}
