package org.caretaker.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.caretaker.check.snapraid.SnapraidProgress;

/**
 * Turns the lines of a running SnapRAID command into {@link ProgressListener} calls, at most one every
 * {@link #EVERY} or every {@link #STEP_PERCENT} %: SnapRAID redraws its progress several times a second, and
 * a chat platform edits a message only so often before it rate-limits the bot. The first progress and
 * 100 % always pass. Lines that are not progress are ignored; so is whatever the listener throws.
 */
public final class ProgressThrottle implements Consumer<String> {
    static final Duration EVERY = Duration.ofSeconds(15);
    static final int STEP_PERCENT = 5;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProgressThrottle.class);

    private final ProgressListener listener;
    private final String host;
    private final String step;
    private final Clock clock;
    private Instant lastAt;
    private int lastPercent = -1;

    public ProgressThrottle(ProgressListener listener, String host, String step, Clock clock) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.host = Objects.requireNonNull(host, "host");
        this.step = Objects.requireNonNull(step, "step");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void accept(String line) {
        SnapraidProgress p = SnapraidProgress.parse(line).orElse(null);
        if (p == null || p.percent() == lastPercent) {
            return;
        }
        Instant now = clock.instant();
        boolean due = lastAt == null || p.percent() == 100 || p.percent() - lastPercent >= STEP_PERCENT
                || !now.isBefore(lastAt.plus(EVERY));
        if (!due) {
            return;
        }
        lastAt = now;
        lastPercent = p.percent();
        try {
            listener.progress(host, step, p.percent(), p.eta());
        } catch (RuntimeException e) {
            LOG.debug("progress listener failed host={} step={} error={}", host, step, e.toString());
        }
    }
}
