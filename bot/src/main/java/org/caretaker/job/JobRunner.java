package org.caretaker.job;

/**
 * Executes one run of a scheduled job: run its checks, store the findings, decide what to tell whom, queue
 * it in the outbox. The scheduler calls it from a Quartz job; it never throws for anything a host does,
 * and a failed run never kills its schedule.
 */
public interface JobRunner {

    /**
     * @param jobId     the schedule id
     * @param trigger   why it runs
     * @param recovering true when this fire re-runs one interrupted by a crash or restart
     */
    void run(String jobId, Trigger trigger, boolean recovering) throws InterruptedException;
}
