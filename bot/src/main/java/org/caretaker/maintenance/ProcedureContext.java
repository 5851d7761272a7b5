package org.caretaker.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a procedure needs to know about the run it belongs to: the clock and the job's deadline, so that a
 * long step (a sync, a scrub, polling a ZFS scrub) is given only the time that is left.
 *
 * @param clock    the run's clock
 * @param deadline when the job must be done; steps get at most the time left until then
 */
public record ProcedureContext(Clock clock, Instant deadline) {

    public ProcedureContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(deadline, "deadline");
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
