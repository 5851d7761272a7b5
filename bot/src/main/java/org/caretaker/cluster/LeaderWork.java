package org.caretaker.cluster;

import java.util.List;
import java.util.function.Supplier;
import org.caretaker.outbox.ChatSink;

/**
 * The work only the leader does — talking to the chat platforms, sending the outbox, reminding, pruning —
 * started as a {@link Term} when this instance is elected and stopped when it is not any more. A bot alone
 * has no election: it begins one term at start that lasts its whole life.
 */
public final class LeaderWork implements Leadership {

    /**
     * One term of the leader's work, built anew each time: a chat adapter once closed does not start again,
     * and a fresh one cannot carry anything over from a term that ended badly.
     */
    public interface Term {
        void start();

        /** {@code drain} gives the outbox one last pass on the way out. */
        void stop(boolean drain);

        /** Where progress messages may go during this term. */
        List<ChatSink> sinks();
    }

    private final Supplier<Term> newTerm;
    private final Supplier<List<ChatSink>> followerSinks;
    private final Object lock = new Object();
    private volatile Term term;

    /**
     * @param newTerm       builds the work of one term
     * @param followerSinks where progress goes while this instance follows (its console, if any)
     */
    public LeaderWork(Supplier<Term> newTerm, Supplier<List<ChatSink>> followerSinks) {
        this.newTerm = newTerm;
        this.followerSinks = followerSinks;
    }

    @Override
    public void elected() {
        begin();
    }

    @Override
    public void deposed() {
        // A leader that lost its lease sends nothing more: the next leader may already be sending.
        end(false);
    }

    /** Starts a term unless one is going. */
    public void begin() {
        synchronized (lock) {
            if (term != null) {
                return;
            }
            Term t = newTerm.get();
            t.start();
            term = t;
        }
    }

    /** Ends the term, if any; {@code drain} gives the outbox one last pass. */
    public void end(boolean drain) {
        synchronized (lock) {
            Term t = term;
            term = null;
            if (t != null) {
                t.stop(drain);
            }
        }
    }

    /** The sinks progress messages may go to: the term's, or on a follower the follower's. */
    public List<ChatSink> sinks() {
        Term t = term;
        return t != null ? t.sinks() : followerSinks.get();
    }
}
