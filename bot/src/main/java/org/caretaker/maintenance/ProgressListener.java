package org.caretaker.maintenance;

import java.time.Duration;
import java.util.Optional;

/**
 * Hears how far a long step of a procedure (a SnapRAID sync, scrub or fix) has got, so that a chat message can
 * show it while the step runs instead of hours of silence. Calls come already thinned out by
 * {@link ProgressThrottle}; a listener may still be slow or fail, and must not throw: progress is best-effort.
 */
public interface ProgressListener {
    /** Hears nothing. */
    ProgressListener NONE = (host, step, percent, eta) -> { };

    /**
     * @param host    the host the step runs on
     * @param step    {@code sync}, {@code scrub}, {@code fix}
     * @param percent 0 to 100, as SnapRAID printed it
     * @param eta     SnapRAID's estimate of the time left, when it has one
     */
    void progress(String host, String step, int percent, Optional<Duration> eta);

    /** The step ended, however it ended; the findings say how. */
    default void finished(String host, String step) {
    }
}
