package org.caretaker.cluster;

/**
 * What a leader does that a follower must not: told when this instance becomes leader and when it stops
 * being one. Called from the election's thread, one call at a time, always alternating.
 */
public interface Leadership {

    /** This instance now holds the lease: start the leader's work. */
    void elected();

    /** This instance no longer holds the lease (refused, unreachable, or stepping down): stop at once. */
    void deposed();
}
