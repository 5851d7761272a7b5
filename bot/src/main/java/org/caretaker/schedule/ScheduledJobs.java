package org.caretaker.schedule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.alert.AlertEngine;
import org.caretaker.job.JobRunner;
import org.caretaker.job.RunService;
import org.caretaker.job.Trigger;
import org.caretaker.maintenance.MaintenanceRuns;
import org.caretaker.report.Announcer;
import org.caretaker.store.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler calls for each fire: one run of the job's checks and procedure, with the checks it
 * disturbs silenced while it runs. A fire that recovers a job from a dead instance first marks that
 * instance's run as interrupted, once.
 */
public final class ScheduledJobs implements JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final Map<String, Schedule> schedules;
    private final RunService runs;
    private final AlertEngine alerts;
    private final Announcer announcer;
    private final MaintenanceRuns maintenance;
    private final AtomicInteger running = new AtomicInteger();

    public ScheduledJobs(Map<String, Schedule> schedules, RunService runs, AlertEngine alerts, Announcer announcer,
                         MaintenanceRuns maintenance) {
        this.schedules = Map.copyOf(schedules);
        this.runs = runs;
        this.alerts = alerts;
        this.announcer = announcer;
        this.maintenance = maintenance;
    }

    @Override
    public void run(String jobId, Trigger trigger, boolean recovering) throws InterruptedException {
        Schedule s = schedules.get(jobId);
        if (s == null) {
            LOG.warn("scheduled job has no schedule file any more job={}", jobId);
            return;
        }
        running.incrementAndGet();
        if (recovering) {
            // Taken over from an instance that died: its run of this job is marked once, by whoever gets here first.
            for (RunRecord r : runs.abandonRecovered(jobId)) {
                LOG.warn("run interrupted on another instance job={} run={} instance={} startedAt={}", r.job(), r.id(),
                        r.instance().orElse("-"), r.startedAt());
                announcer.interrupted(r, "when its instance stopped");
            }
        }
        if (!s.disturbs().isEmpty()) {
            alerts.silence(jobId, s.disturbs(), s.hosts());
        }
        try {
            List<String> channels = s.channelsOr(alerts.policy().channels());
            runs.run(s.plan(), trigger, recovering, maintenance.forJob(s.procedure(), jobId, channels));
        } finally {
            alerts.endSilence(jobId);
            running.decrementAndGet();
        }
    }

    /** How many jobs are scheduled. */
    public int size() {
        return schedules.size();
    }

    /** Whether a run is going now: a stop then leaves it to be marked interrupted at the next start. */
    public boolean busy() {
        return running.get() > 0;
    }
}
