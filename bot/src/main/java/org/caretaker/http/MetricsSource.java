package org.caretaker.http;

import java.util.List;
import java.util.Optional;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;

/** What {@code /metrics} and {@code /healthz} read; the composition root wires the real parts. */
public interface MetricsSource extends AutoCloseable {

    /** The latest state of every (host, check, subject). */
    List<StoredState> states() throws StoreException;

    /** Scheduled job ids, for per-job series even before a job has run. */
    List<String> jobs();

    /** The most recent run of a job. */
    Optional<RunRecord> lastRun(String job) throws StoreException;

    /** The most recent run of a job that finished, whatever its findings. */
    Optional<RunRecord> lastSuccess(String job) throws StoreException;

    /** Messages waiting in the outbox. */
    int outboxDepth() throws StoreException;

    /** Messages the platforms refused for good (dead letters), ever. */
    default long outboxFailed() throws StoreException {
        return 0;
    }

    /** Whether the scheduler is running; a stopped scheduler makes the bot unhealthy. */
    boolean schedulerRunning();

    /**
     * Whether this instance leads (talks to the chat platforms); a bot alone always does. A follower is
     * healthy all the same.
     */
    default boolean leader() {
        return true;
    }

    /**
     * Why this instance is unhealthy, in one phrase; empty when it is healthy. {@code /healthz} asks it on
     * every request, so it must answer quickly whatever the database does (see {@link HealthProbe}).
     */
    default Optional<String> unhealthy() {
        try {
            outboxDepth();
        } catch (StoreException e) {
            return Optional.of("database unavailable");
        }
        return schedulerRunning() ? Optional.empty() : Optional.of("scheduler not running");
    }

    /** Lets go of what the source holds (a probe's thread); the server calls it when it stops. */
    @Override
    default void close() {
    }
}
