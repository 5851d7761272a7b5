package org.caretaker.exec;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caretaker.concurrent.Threads;
import org.caretaker.config.HostConfig;
import org.caretaker.config.RunnerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm SSH connections for the running bot: one authenticated connection per host, kept open after use so
 * that the next on-demand command ({@code /check}, {@code /snapraid status}, {@code /diag}) or scheduled sweep
 * skips the TCP, key-exchange and login round trips. Every command still gets a channel of its own, and the
 * per-host channel limit holds across everything that shares the connection. A connection no command has used
 * for {@code keepAlive} is closed; one that dropped is reopened on the next use. Host keys are checked exactly
 * as for a fresh connection, since every connection is opened the same way.
 *
 * <p>With a zero keep-alive the pool keeps nothing: {@link #open} hands out executors that connect, run and
 * disconnect, as one-shot CLI commands always do. Closing the pool closes every connection.
 */
public final class SshPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshPool.class);
    private static final Duration LONGEST_SCAN_PERIOD = Duration.ofSeconds(30);
    private static final Duration SHORTEST_SCAN_PERIOD = Duration.ofMillis(20);

    private final Duration keepAlive;
    private final Duration connectTimeout;
    private final int outputCap;
    private final int maxChannels;
    private final Map<HostConfig, SshConnection> connections = new ConcurrentHashMap<>();
    /** Started with the first kept connection, so a pool that never keeps one costs no thread. */
    private ScheduledExecutorService reaper;
    private boolean closed;

    /**
     * @param keepAlive      idle time after which a connection is closed; zero keeps no connection open
     * @param connectTimeout TCP connect plus SSH handshake and login
     * @param outputCap      bytes kept of stdout and of stderr per command
     * @param maxChannels    channels open at once on one host's connection
     */
    public SshPool(Duration keepAlive, Duration connectTimeout, int outputCap, int maxChannels) {
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("keep-alive must not be negative: " + keepAlive);
        }
        this.keepAlive = keepAlive;
        this.connectTimeout = connectTimeout;
        this.outputCap = outputCap;
        this.maxChannels = maxChannels;
    }

    /** The pool the runner settings ask for: {@code runner.keep-alive}, with the same limits as a sweep. */
    public SshPool(RunnerConfig runner) {
        this(runner.keepAlive(), runner.connectTimeout(), runner.outputCap(), runner.perHost());
    }

    /** A quarter of the keep-alive, so a connection outlives its idle time by at most a quarter of it. */
    private static Duration scanPeriod(Duration keepAlive) {
        Duration quarter = keepAlive.dividedBy(4);
        if (quarter.compareTo(SHORTEST_SCAN_PERIOD) < 0) {
            return SHORTEST_SCAN_PERIOD;
        }
        return quarter.compareTo(LONGEST_SCAN_PERIOD) > 0 ? LONGEST_SCAN_PERIOD : quarter;
    }

    /**
     * An executor for one use (a sweep, one chat command) on the host's warm connection, opened on its first
     * command. Closing the executor leaves the connection open for the next one.
     */
    public synchronized SshExecutor open(HostConfig host) {
        if (closed) {
            throw new IllegalStateException("the SSH pool is closed");
        }
        if (keepAlive.isZero()) {
            return new SshExecutor(host, connectTimeout, outputCap, maxChannels);
        }
        if (reaper == null) {
            reaper = Executors.newSingleThreadScheduledExecutor(Threads.daemon("ssh-pool-reaper"));
            long period = scanPeriod(keepAlive).toMillis();
            reaper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
        }
        SshConnection c = connections.computeIfAbsent(host, h -> new SshConnection(h, connectTimeout, maxChannels, true));
        return new SshExecutor(host, c, false, outputCap);
    }

    /** Connections open now, over all hosts. */
    public int openConnections() {
        return (int) connections.values().stream().filter(SshConnection::isOpen).count();
    }

    /** Connections opened so far, over all hosts, reconnections included. */
    public int connectionsOpened() {
        return connections.values().stream().mapToInt(SshConnection::opened).sum();
    }

    private void closeIdle() {
        try {
            long now = System.nanoTime();
            for (SshConnection c : connections.values()) {
                c.closeIfIdle(keepAlive, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("closing idle SSH connections failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reaper != null) {
            reaper.shutdownNow();
        }
        int n = 0;
        for (SshConnection c : connections.values()) {
            if (c.isOpen()) {
                n++;
            }
            c.close();
        }
        connections.clear();
        LOG.info("ssh pool closed connections={}", n);
    }
}
