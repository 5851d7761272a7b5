package org.caretaker.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;

/**
 * What a procedure needs to know about the run it belongs to: the clock and the job's deadline, so that a
 * long step (a sync, a scrub, polling a ZFS scrub) is given only the time that is left; and who wants to hear
 * how far such a step has got.
 *
 * @param clock    the run's clock
 * @param deadline when the job must be done; steps get at most the time left until then
 * @param progress hears the progress of long steps; {@link ProgressListener#NONE} when nobody watches
 */
public record ProcedureContext(Clock clock, Instant deadline, ProgressListener progress) {

    public ProcedureContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(progress, "progress");
    }

    /** Nobody watches the progress. */
    public ProcedureContext(Clock clock, Instant deadline) {
        this(clock, deadline, ProgressListener.NONE);
    }

    public ProcedureContext withProgress(ProgressListener listener) {
        return new ProcedureContext(clock, deadline, listener);
    }

    /**
     * Runs a long SnapRAID step with its progress going to {@link #progress()}, thinned out by a
     * {@link ProgressThrottle}, and tells the listener when the step is over, however it ended.
     */
    public CommandOutput runWatched(Executor exec, Command command, String host, String step)
            throws ExecException, InterruptedException {
        Consumer<String> lines = new ProgressThrottle(progress, host, step, clock);
        try {
            return exec.run(command, lines);
        } finally {
            try {
                progress.finished(host, step);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ProcedureContext.class)
                        .debug("progress listener failed host={} step={} error={}", host, step, e.toString());
            }
        }
    }

    /** A context whose deadline is {@code budget} from now. */
    public static ProcedureContext within(Clock clock, Duration budget) {
        return new ProcedureContext(clock, clock.instant().plus(budget));
    }

    public Instant now() {
        return clock.instant();
    }

    /** The time left for a step, at most {@code cap} and at least one second. */
    public Duration left(Duration cap) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return left.compareTo(cap) > 0 ? cap : left;
    }

    public boolean pastDeadline() {
        return !clock.instant().isBefore(deadline);
    }
}
