package org.caretaker.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Someone's acknowledgement of an open finding, as people are shown it: who, when and until when; or, once the
 * finding's value changed under it, that it re-armed (when, and whose ack it was).
 *
 * @param at        when it was given; empty for acks given before this was recorded
 * @param until     when it runs out; empty for a re-armed one
 * @param rearmedAt when the value changed and ended it; empty while it holds
 */
public record Ack(String by, Optional<Instant> at, Optional<Instant> until, Optional<Instant> rearmedAt) {

    static Ack held(String by, Optional<Instant> at, Instant until) {
        return new Ack(by == null ? "someone" : by, at, Optional.of(until), Optional.empty());
    }

    static Ack rearmed(String by, Instant at) {
        return new Ack(by == null ? "someone" : by, Optional.empty(), Optional.empty(), Optional.of(at));
    }

    public boolean holds() {
        return rearmedAt.isEmpty();
    }
}
