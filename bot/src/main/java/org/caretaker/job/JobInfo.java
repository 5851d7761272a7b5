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
 * @param changesHosts true when the job changes something on a host (a SnapRAID sync); starting it from
 *                  chat then needs the admin role and a confirmation
 */
public record JobInfo(String id, String description, String cron, String timeZone, List<Instant> nextFires,
                      Optional<RunRecord> lastRun, boolean changesHosts) {
    public JobInfo {
        nextFires = List.copyOf(nextFires);
    }
}
