package org.caretaker.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.caretaker.job.JobRunner;
import org.caretaker.job.Trigger;

/**
 * Our own {@link JobRunner} port, faked: it records every call, can hold a run until the test lets it go,
 * can fail on purpose, and notes how many runs were ever in progress at once.
 */
final class RecordingRunner implements JobRunner {
    record Call(String jobId, Trigger trigger, boolean recovering) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final CountDownLatch release;
    private final int blockFirst;
    private final Function<Integer, Throwable> failure;

    private RecordingRunner(int blockFirst, Function<Integer, Throwable> failure) {
        this.blockFirst = blockFirst;
        this.release = new CountDownLatch(1);
        this.failure = failure;
    }

    /** Returns at once. */
    static RecordingRunner quick() {
        return new RecordingRunner(0, n -> null);
    }

    /** Holds its first {@code n} runs until {@link #release()}. */
    static RecordingRunner holding(int n) {
        return new RecordingRunner(n, x -> null);
    }

    /** Throws whatever {@code failure} makes of the call number (1, 2, …): an unchecked exception or an error. */
    static RecordingRunner failing(Function<Integer, Throwable> failure) {
        return new RecordingRunner(0, failure);
    }

    @Override
    public void run(String jobId, Trigger trigger, boolean recovering) throws InterruptedException {
        int n;
        synchronized (this) {
            calls.add(new Call(jobId, trigger, recovering));
            n = calls.size();
        }
        mostAtOnce.accumulateAndGet(active.incrementAndGet(), Math::max);
        try {
            if (n <= blockFirst) {
                release.await(60, TimeUnit.SECONDS);
            }
            Throwable t = failure.apply(n);
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        } finally {
            active.decrementAndGet();
        }
    }

    void release() {
        release.countDown();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits until at least {@code n} runs began; gives up after 30 s so a broken scheduler fails the test. */
    List<Call> awaitCalls(int n) {
        return Awaitility.await(n + " runs begun").atMost(Duration.ofSeconds(30)).until(this::calls, begun -> begun.size() >= n);
    }

    boolean idle() {
        return active.get() == 0;
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }
}
