package org.caretaker.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.caretaker.concurrent.Threads;
import org.caretaker.store.StoreException;

/**
 * The answer {@code /healthz} gives, in bounded time whatever the database does. A probe with a one-second
 * timeout (Kubernetes' default) must get an answer, so the database is asked on a thread of its own and waited
 * for at most {@code timeout}; a database that does not answer by then is reported as such. One question is in
 * flight at a time — a hung database ties up one thread, not one per request — and its verdict is kept for
 * {@code fresh}, so a probe storm asks the database once.
 */
public final class HealthProbe implements AutoCloseable {

    /** Asks the database something cheap; throws when it cannot. */
    @FunctionalInterface
    public interface DatabaseCheck {
        void ask() throws StoreException;
    }

    private final DatabaseCheck database;
    private final BooleanSupplier schedulerRunning;
    private final Duration timeout;
    private final Duration fresh;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Threads.daemon("health-probe"));
    private final Object lock = new Object();
    private Future<Optional<String>> inFlight;
    private Optional<String> verdict = Optional.empty();
    private long verdictAt = Long.MIN_VALUE;

    /**
     * @param timeout how long a request waits for the database
     * @param fresh   how long a verdict is given again without asking
     */
    public HealthProbe(DatabaseCheck database, BooleanSupplier schedulerRunning, Duration timeout, Duration fresh) {
        this.database = database;
        this.schedulerRunning = schedulerRunning;
        this.timeout = timeout;
        this.fresh = fresh;
    }

    /** Why this instance is unhealthy, in one phrase; empty when it is healthy. */
    public Optional<String> unhealthy() {
        Optional<String> db = databaseVerdict();
        if (db.isPresent()) {
            return db;
        }
        return schedulerRunning.getAsBoolean() ? Optional.empty() : Optional.of("scheduler not running");
    }

    private Optional<String> databaseVerdict() {
        Future<Optional<String>> f;
        synchronized (lock) {
            if (verdictAt != Long.MIN_VALUE && System.nanoTime() - verdictAt < fresh.toNanos()) {
                return verdict;
            }
            if (inFlight == null) {
                inFlight = thread.submit(this::ask);
            }
            f = inFlight;
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of("database unavailable: no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("database unavailable: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private Optional<String> ask() {
        Optional<String> v;
        try {
            database.ask();
            v = Optional.empty();
        } catch (StoreException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            v = Optional.of("database unavailable: " + (m.length() > 200 ? m.substring(0, 200) + "…" : m));
        }
        synchronized (lock) {
            verdict = v;
            verdictAt = System.nanoTime();
            inFlight = null;
        }
        return v;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
