package org.caretaker.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;

/**
 * Everything Caretaker remembers about runs and findings: every run and finding, the latest state per
 * (host, check, subject), the severity transitions, metric windows for charts, and retention. Reports,
 * chat answers, metrics and the site are all read from here.
 */
public interface HistoryStore {

    /** Records that a run began and returns its id. */
    long startRun(String job, String triggerKind, String triggeredBy, Instant at) throws StoreException;

    /**
     * Stores a run's findings, updates the latest state and returns the transitions this run caused, in
     * finding order. A subject that a check stopped reporting is resolved — but only when that check
     * really ran: a check that could only say UNKNOWN about itself leaves its subjects as they were.
     */
    List<Transition> finishRun(long runId, Instant at, List<Finding> findings, RunStatus status, String summary) throws StoreException;

    /**
     * The numbers of a run whose findings are kept elsewhere (a diagnostic's bundle), or that ended without
     * findings worth storing (a sweep that threw): what its record says instead of counting the stored findings.
     */
    record Outcome(Severity worst, int findings) {
    }

    /** {@link #finishRun(long, Instant, List, RunStatus, String)}, with the run's own numbers when given. */
    default List<Transition> finishRun(long runId, Instant at, List<Finding> findings, RunStatus status, String summary,
                                       Optional<Outcome> outcome) throws StoreException {
        return finishRun(runId, at, findings, status, summary);
    }

    /**
     * Marks a run that never finished (the bot stopped mid-run) so history shows it honestly.
     *
     * @return true when this call marked it; false when it was no longer running (someone else marked it, or
     *         it finished), so that only one instance tells anyone about it
     */
    boolean abandonRun(long runId, Instant at, String reason) throws StoreException;

    /**
     * Runs still marked running that this store's instance started — every such run when the store names no
     * instance (a bot alone) — and those of no instance (started before instances were told apart). The
     * default looks at the latest 50 runs, for a store that does not tell instances apart.
     */
    default List<RunRecord> ownRunning() throws StoreException {
        return runs(Optional.empty(), 50).stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
    }

    /**
     * Runs of a job still marked running that another instance started; none when this store names no
     * instance. Called when this instance takes over a job from an instance that died.
     */
    default List<RunRecord> othersRunning(String job) throws StoreException {
        return List.of();
    }

    List<StoredState> latest() throws StoreException;

    List<Transition> transitions(Instant since, int limit) throws StoreException;

    List<RunRecord> runs(Optional<String> job, int limit) throws StoreException;

    Optional<RunRecord> run(long id) throws StoreException;

    /**
     * The newest run of a job that finished, however long ago and however many runs of it failed or were
     * interrupted since: what "the job last succeeded at" means.
     */
    Optional<RunRecord> lastFinished(String job) throws StoreException;

    List<Finding> findingsOf(long runId) throws StoreException;

    List<MetricPoint> window(String host, String check, String subject, String metric, Instant from, Instant to) throws StoreException;

    /** Deletes runs, findings, transitions and metric points older than {@code before}; returns the runs removed. */
    int prune(Instant before) throws StoreException;

    /** What checks remember from their previous run, read from this store. */
    CheckMemory memory();
}
