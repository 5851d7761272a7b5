package org.caretaker.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import net.schmizz.sshj.SSHClient;
import org.caretaker.config.HostConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authenticated connection to one host, and the limit on channels open on it at once. An
 * {@link SshExecutor} either owns one for a single use or borrows one from an {@link SshPool} that keeps it
 * open between uses. A dropped connection is replaced on the next {@link #lease()}: an {@link SSHClient}
 * cannot reconnect once disconnected.
 */
final class SshConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);

    /** A connected client, and whether it was already open before this lease (so it may have gone stale). */
    record Lease(SSHClient client, boolean reused) {
    }

    private final HostConfig host;
    private final Duration connectTimeout;
    private final Semaphore channels;
    private final boolean kept;
    private SSHClient client;
    private int busy;
    private long idleSinceNanos = System.nanoTime();
    private int opened;
    private boolean closed;
    /** Held across a handshake, so only one runs per host at a time; never held with the monitor waited on. */
    private final ReentrantLock connecting = new ReentrantLock();
    private HandshakeDeadline handshake;

    /**
     * @param kept true when the connection is kept between uses: then a channel that the host does not open
     *             within the connect timeout marks the connection stale instead of waiting sshj's 30 s
     */
    SshConnection(HostConfig host, Duration connectTimeout, int maxChannels, boolean kept) {
        this.host = host;
        this.connectTimeout = connectTimeout;
        this.channels = new Semaphore(Math.max(1, maxChannels));
        this.kept = kept;
    }

    HostConfig host() {
        return host;
    }

    Semaphore channels() {
        return channels;
    }

    /**
     * Returns the open connection, or opens one (host key checked, key login) if there is none or it dropped.
     * The handshake runs outside this object's monitor, so the idle reaper, {@link #close()} and callers asking
     * {@link #isOpen()} never wait on a peer; concurrent leases wait for the one handshake in progress instead
     * of each starting their own.
     */
    Lease lease() throws ExecException {
        synchronized (this) {
            if (!closed && client != null && client.isConnected() && client.isAuthenticated()) {
                return new Lease(client, true);
            }
        }
        try {
            connecting.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecException(ExecException.Kind.IO, "interrupted while waiting to connect to " + host.name(), e);
        }
        try {
            HandshakeDeadline deadline;
            synchronized (this) {
                if (closed) {
                    throw new ExecException(ExecException.Kind.IO, "the connection to " + host.name() + " is closed");
                }
                if (client != null && client.isConnected() && client.isAuthenticated()) {
                    return new Lease(client, true);
                }
                if (client != null) {
                    LOG.debug("ssh connection dropped host={}; reconnecting", host.name());
                    quietly(client);
                    client = null;
                }
                deadline = new HandshakeDeadline(connectTimeout);
                handshake = deadline;
            }
            SSHClient opened;
            try {
                opened = SshExecutor.open(host, connectTimeout, deadline);
            } finally {
                deadline.close();
                synchronized (this) {
                    handshake = null;
                }
            }
            synchronized (this) {
                if (closed) {
                    quietly(opened);
                    throw new ExecException(ExecException.Kind.IO, "the connection to " + host.name() + " is closed");
                }
                if (kept) {
                    opened.getConnection().setTimeoutMs((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                }
                client = opened;
                this.opened++;
                return new Lease(opened, false);
            }
        } finally {
            connecting.unlock();
        }
    }

    /** Forgets a client that failed; the next lease opens a new one. */
    void discard(SSHClient broken) {
        synchronized (this) {
            if (client != broken) {
                return;
            }
            client = null;
        }
        quietly(broken);
    }

    /** A command starts using the connection; an idle reaper leaves a busy connection alone. */
    synchronized void begin() {
        busy++;
    }

    synchronized void end() {
        busy--;
        if (busy == 0) {
            idleSinceNanos = System.nanoTime();
        }
    }

    /** Disconnects when no command has used the connection for {@code idle}; true when it did. */
    boolean closeIfIdle(Duration idle, long nowNanos) {
        SSHClient idleClient;
        synchronized (this) {
            if (client == null || busy > 0 || nowNanos - idleSinceNanos < idle.toNanos()) {
                return false;
            }
            LOG.debug("ssh connection closed host={} reason=idle idleMs={}", host.name(), (nowNanos - idleSinceNanos) / 1_000_000);
            idleClient = client;
            client = null;
        }
        quietly(idleClient);
        return true;
    }

    synchronized boolean isOpen() {
        return client != null && client.isConnected();
    }

    /** Connections opened so far, reconnections included. */
    synchronized int opened() {
        return opened;
    }

    /** Closes the connection, and ends a handshake in progress at once rather than waiting for it. */
    void close() {
        SSHClient last;
        synchronized (this) {
            closed = true;
            if (handshake != null) {
                handshake.abort();
            }
            last = client;
            client = null;
        }
        if (last != null) {
            quietly(last);
        }
    }

    static void quietly(SSHClient ssh) {
        try {
            ssh.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("ssh disconnect failed: {}", e.toString());
        }
    }
}
