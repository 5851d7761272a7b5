package org.caretaker.schedule;

import org.caretaker.job.JobRunner;
import org.caretaker.job.Trigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every schedule: it hands the fire to the {@link JobRunner} and nothing else.
 * {@link DisallowConcurrentExecution} keeps one job from overlapping itself — a fire that comes while the
 * previous run is still going waits for it, then counts as a misfire. Whatever the run throws is caught and
 * logged here: a failed run must never cost the job its schedule.
 */
@DisallowConcurrentExecution
final class ScheduledRun implements Job {
    static final String KIND = "kind";
    static final String BY = "by";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRun.class);

    private final JobRunner runner;
    private final RunningJobs running;

    ScheduledRun(JobRunner runner, RunningJobs running) {
        this.runner = runner;
        this.running = running;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String id = context.getJobDetail().getKey().getName();
        boolean recovering = context.isRecovering();
        Trigger trigger = triggerOf(id, recovering, context.getMergedJobDataMap());
        // The fire time a run stands for: with instances sharing the schedules, each appears in one log only.
        LOG.info("job fired job={} trigger={} scheduledFor={} recovering={}", id, trigger.kind(),
                context.getScheduledFireTime() == null ? "-" : context.getScheduledFireTime().toInstant(), recovering);
        running.started(id);
        try {
            runner.run(id, trigger, recovering);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("scheduled run interrupted job={} trigger={}", id, trigger.kind());
        } catch (Exception | Error e) {
            // Even an Error: Quartz would keep the trigger anyway, but the log line must say which job it was.
            LOG.error("scheduled run failed job={} trigger={} recovering={}", id, trigger.kind(), recovering, e);
        } finally {
            running.finished(id);
        }
    }

    static Trigger triggerOf(String id, boolean recovering, JobDataMap data) {
        if (recovering) {
            return Trigger.recovery(id);
        }
        String kind = data.getString(KIND);
        String by = data.getString(BY);
        return kind == null || by == null ? Trigger.schedule(id) : new Trigger(kind, by);
    }
}
