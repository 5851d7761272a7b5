package org.caretaker.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caretaker.concurrent.Threads;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps asking for the {@link LeaderLease} — every third of the lease, leader or not — and tells the
 * {@link Leadership} when this instance wins or loses it. A leader steps down when a renewal is refused or
 * fails, and also, by its own watch, when its last successful renewal began more than a lease ago (a
 * database that hangs must not leave two leaders); it steps down before a peer can take over, since the peer
 * waits for the lease to expire by the database's clock.
 *
 * <p>Use one per instance that shares its database with others; a bot alone needs none and is always leader.
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final LeaderLease lease;
    private final Duration term;
    private final Leadership leadership;
    private final InstanceRegistration registration;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, Threads.daemonNumbered("leader-election"));
    private final Object lock = new Object();
    private volatile boolean leader;
    private long renewedAt;
    private boolean closed;

    /**
     * @param term the lease's length: renewals every third of it, and a leader that could not renew for a
     *             whole term steps down
     */
    public LeaderElection(LeaderLease lease, Duration term, Leadership leadership, InstanceRegistration registration) {
        this.lease = lease;
        this.term = term;
        this.leadership = leadership;
        this.registration = registration;
    }

    /**
     * Registers this instance — refused while a live process holds its id, whose running jobs would otherwise be
     * declared interrupted and run again beside it — then asks once on the caller's thread (a lone instance is
     * leader when this returns) and keeps asking.
     */
    public void start() throws StoreException {
        registration.register();
        ask();
        long every = term.dividedBy(3).toMillis();
        timer.scheduleWithFixedDelay(this::ask, every, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::watch, every, Math.max(100, every / 2), TimeUnit.MILLISECONDS);
    }

    public boolean isLeader() {
        return leader;
    }

    /** One claim: takes or renews the lease, and tells the leadership when that changes anything. */
    void ask() {
        long began = System.nanoTime();
        boolean held;
        String reason = "refused";
        try {
            held = lease.claim();
        } catch (StoreException | RuntimeException e) {
            held = false;
            reason = e.getMessage();
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (held) {
                // The lease runs from when the claim began at the latest: counting from then is on the safe side.
                renewedAt = began;
                if (!leader) {
                    leader = true;
                    LOG.info("leadership taken instance={} leaseSeconds={}", lease.holderId(), term.toSeconds());
                    call(true);
                }
            } else if (leader) {
                stepDown("renewal failed: " + reason);
            } else if (!"refused".equals(reason)) {
                LOG.warn("cannot ask for leadership instance={} reason=\"{}\"", lease.holderId(), reason);
            }
        }
    }

    /** A leader whose renewals stopped coming back steps down on its own, before the lease can pass on. */
    private void watch() {
        synchronized (lock) {
            if (!closed && leader && System.nanoTime() - renewedAt > term.toNanos()) {
                stepDown("no renewal for a whole lease");
            }
        }
    }

    private void stepDown(String why) {
        leader = false;
        LOG.warn("leadership lost instance={} reason=\"{}\"", lease.holderId(), why);
        call(false);
    }

    private void call(boolean elected) {
        try {
            if (elected) {
                leadership.elected();
            } else {
                leadership.deposed();
            }
        } catch (RuntimeException e) {
            LOG.error("leadership change failed instance={} elected={}", lease.holderId(), elected, e);
        }
    }

    /** Stops asking; a leader stops its work and gives the lease up so a peer takes over without waiting. */
    @Override
    public void close() {
        boolean wasLeader;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wasLeader = leader;
            if (leader) {
                leader = false;
                LOG.info("leadership given up instance={}", lease.holderId());
                call(false);
            }
        }
        timer.shutdownNow();
        if (wasLeader) {
            try {
                lease.release();
            } catch (StoreException e) {
                LOG.warn("lease not released; it expires on its own instance={} reason=\"{}\"", lease.holderId(), e.getMessage());
            }
        }
        registration.close();
    }
}
