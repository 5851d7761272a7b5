package org.caretaker.job;

import java.util.List;

/** The scheduled jobs: what is planned, and starting one now ({@code /run}). */
public interface Jobs {

    List<JobInfo> list();

    /**
     * Starts the job now, in the background, under the same no-overlap rule as its schedule.
     *
     * @return a sentence for the user: "daily-sanity started" or "daily-sanity is already running (since 06:30)"
     * @throws IllegalArgumentException naming the known jobs when {@code jobId} is unknown
     */
    String start(String jobId, Trigger trigger);
}
