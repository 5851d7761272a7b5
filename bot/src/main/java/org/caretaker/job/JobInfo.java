package org.caretaker.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.caretaker.store.RunRecord;

/**
 * A scheduled job as people see it in {@code /schedule} and on the site.
 *
 * @param nextFires the next few fire times, soonest first; empty when paused
 * @param lastRun   the most recent run of this job, if any
 */
public record JobInfo(String id, String description, String cron, String timeZone, List<Instant> nextFires,
                      Optional<RunRecord> lastRun) {
    public JobInfo {
        nextFires = List.copyOf(nextFires);
    }
}
