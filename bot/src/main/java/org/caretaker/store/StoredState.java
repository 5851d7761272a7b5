package org.caretaker.store;

import java.time.Instant;
import org.caretaker.check.Finding;

/**
 * The newest finding for one (host, check, subject) and since when it has had that severity.
 *
 * @param finding   the newest finding
 * @param since     when the severity last changed
 * @param updatedAt when it was last reported
 * @param runId     the run that reported it
 */
public record StoredState(Finding finding, Instant since, Instant updatedAt, long runId) {
}
