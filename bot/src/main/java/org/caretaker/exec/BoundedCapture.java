package org.caretaker.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream to its end, keeping at most {@code cap} bytes and counting the rest. It never stops
 * reading early: an SSH channel whose window fills up, or a pipe nobody drains, would stall the command.
 *
 * <p>With a listener it also hands on every line as it arrives, split on {@code \r} as well as {@code \n}:
 * SnapRAID redraws its progress with carriage returns, and a long sync is only worth watching live. The
 * listener sees everything, not just the kept bytes; whatever it throws is logged and ignored, so a broken
 * listener never costs the command its output.
 */
final class BoundedCapture implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedCapture.class);
    /** A "line" longer than this is handed on in pieces rather than buffered without end. */
    static final int MAX_LINE = 4096;

    private final InputStream in;
    private final int cap;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;
    private IOException failure;

    BoundedCapture(InputStream in, int cap) {
        this(in, cap, null);
    }

    /** @param lines gets each {@code \r}/{@code \n}-separated line as it arrives; null for none */
    BoundedCapture(InputStream in, int cap, Consumer<String> lines) {
        this.in = in;
        this.cap = cap;
        this.lines = lines;
    }

    /**
     * One listener for stdout and stderr, which are read on two threads: calls are serialised, so the
     * listener needs no locking of its own.
     */
    static Consumer<String> serial(Consumer<String> listener) {
        Object lock = new Object();
        return line -> {
            synchronized (lock) {
                listener.accept(line);
            }
        };
    }

    @Override
    public void run() {
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int keep = Math.max(0, Math.min(n, cap - kept.size()));
                kept.write(buf, 0, keep);
                dropped += n - keep;
                if (lines != null) {
                    split(buf, n);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        if (lines != null) {
            emit();
        }
    }

    private void split(byte[] buf, int n) {
        for (int k = 0; k < n; k++) {
            byte b = buf[k];
            if (b == '\r' || b == '\n') {
                emit();
            } else {
                pending.write(b);
                if (pending.size() >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    private void emit() {
        if (pending.size() == 0) {
            return;
        }
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        try {
            lines.accept(line);
        } catch (RuntimeException e) {
            LOG.debug("output listener failed error={}", e.toString());
        }
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    boolean truncated() {
        return dropped > 0;
    }

    long dropped() {
        return dropped;
    }

    IOException failure() {
        return failure;
    }
}
