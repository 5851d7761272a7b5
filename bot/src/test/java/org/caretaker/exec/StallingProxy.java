package org.caretaker.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback in front of a server. {@link #stallOpenConnections()} makes the connections relayed
 * so far swallow every byte in both directions without closing: a peer that vanished without a word (a host
 * that lost power, a NAT entry that expired), which the client only notices when nothing answers. New
 * connections are relayed normally.
 */
final class StallingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();

    StallingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "stalling-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void stallOpenConnections() {
        for (Pair p : pairs) {
            p.stalled = true;
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                Pair p = new Pair(client, server);
                pairs.add(p);
                pump(p, client.getInputStream(), server.getOutputStream());
                pump(p, server.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Pair p, InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!p.stalled) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the relay ends with either side
            } finally {
                p.close();
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Pair p : pairs) {
            p.stalled = false;
            p.close();
        }
    }

    private static final class Pair {
        final Socket a;
        final Socket b;
        volatile boolean stalled;

        Pair(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void close() {
            // A stalled pair stays open: the client must find out by itself.
            if (stalled) {
                return;
            }
            try {
                a.close();
                b.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
