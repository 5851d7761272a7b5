package org.caretaker.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.caretaker.outbox.Outbox;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;

/**
 * The running bot's {@link MetricsSource}: the history, the outbox, and two yes/no questions about the bot.
 * Health asks the database through a {@link HealthProbe}: at most {@link #PROBE_TIMEOUT} per request, a verdict
 * kept for {@link #PROBE_FRESH}.
 */
public final class StoreMetrics implements MetricsSource {
    /** Well inside the one second Kubernetes gives a probe by default. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(700);
    static final Duration PROBE_FRESH = Duration.ofSeconds(2);

    private final HistoryStore history;
    private final List<String> jobs;
    private final Outbox outbox;
    private final BooleanSupplier schedulerRunning;
    private final BooleanSupplier leader;
    private final HealthProbe probe;

    /** @param jobs the scheduled job ids */
    public StoreMetrics(HistoryStore history, List<String> jobs, Outbox outbox, BooleanSupplier schedulerRunning, BooleanSupplier leader) {
        this.history = history;
        this.jobs = jobs.stream().sorted().toList();
        this.outbox = outbox;
        this.schedulerRunning = schedulerRunning;
        this.leader = leader;
        this.probe = new HealthProbe(outbox::depth, schedulerRunning, PROBE_TIMEOUT, PROBE_FRESH);
    }

    @Override
    public Optional<String> unhealthy() {
        return probe.unhealthy();
    }

    @Override
    public void close() {
        probe.close();
    }

    @Override
    public List<StoredState> states() throws StoreException {
        return history.latest();
    }

    @Override
    public List<String> jobs() {
        return jobs;
    }

    @Override
    public Optional<RunRecord> lastRun(String job) throws StoreException {
        return history.runs(Optional.of(job), 1).stream().findFirst();
    }

    @Override
    public Optional<RunRecord> lastSuccess(String job) throws StoreException {
        return history.lastFinished(job);
    }

    @Override
    public int outboxDepth() throws StoreException {
        return outbox.depth();
    }

    @Override
    public long outboxFailed() throws StoreException {
        return outbox.deadLetters();
    }

    @Override
    public boolean schedulerRunning() {
        return schedulerRunning.getAsBoolean();
    }

    @Override
    public boolean leader() {
        return leader.getAsBoolean();
    }
}
