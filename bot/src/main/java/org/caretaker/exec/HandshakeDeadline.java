package org.caretaker.exec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import org.caretaker.concurrent.Threads;

/**
 * One deadline over a whole SSH handshake: TCP connect, the server's banner, key exchange and login.
 *
 * <p>sshj's own timeouts are per step and per read: a peer that sends a byte every second (a tarpit, or the
 * wrong service on port 22) never trips the socket read timeout while sshj waits for a banner line, and a peer
 * that sends its banner and then goes silent is given sshj's 30 s key-exchange timeout. So the deadline closes
 * the socket itself when it passes: whatever sshj is blocked in then fails at once, in the calling thread or in
 * sshj's reader. {@link #abort()} does the same on demand, so closing the pool never waits for a handshake.
 */
final class HandshakeDeadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("ssh-handshake-deadline"));

    private final AtomicReference<Socket> socket = new AtomicReference<>();
    private final ScheduledFuture<?> timer;
    private volatile boolean expired;
    private volatile boolean aborted;
    private boolean finished;

    HandshakeDeadline(Duration limit) {
        this.timer = TIMER.schedule(this::expire, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The sockets sshj opens through this factory are the ones the deadline closes. */
    SocketFactory sockets() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket s = new Socket();
                socket.set(s);
                if (expired || aborted) {
                    s.close();
                }
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("sshj connects an unconnected socket");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("sshj connects an unconnected socket");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("sshj connects an unconnected socket");
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("sshj connects an unconnected socket");
            }
        };
    }

    private synchronized void expire() {
        if (!finished) {
            expired = true;
            cut();
        }
    }

    /** Ends the handshake now (the pool is closing); the thread doing it fails at once. */
    synchronized void abort() {
        if (!finished) {
            aborted = true;
            cut();
        }
    }

    boolean expired() {
        return expired;
    }

    boolean aborted() {
        return aborted;
    }

    private void cut() {
        Socket s = socket.get();
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing is all that is wanted; a socket that will not close is already unusable.
            }
        }
    }

    /** The handshake finished in time: the socket now belongs to the connection. */
    @Override
    public synchronized void close() {
        finished = true;
        timer.cancel(false);
    }
}
