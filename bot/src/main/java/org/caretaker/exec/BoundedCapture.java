package org.caretaker.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream to its end, keeping at most {@code cap} bytes and counting the rest. It never stops
 * reading early: an SSH channel whose window fills up, or a pipe nobody drains, would stall the command.
 */
final class BoundedCapture implements Runnable {
    private final InputStream in;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;
    private IOException failure;

    BoundedCapture(InputStream in, int cap) {
        this.in = in;
        this.cap = cap;
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
            }
        } catch (IOException e) {
            failure = e;
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
