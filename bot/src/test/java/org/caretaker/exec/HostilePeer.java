package org.caretaker.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;

/**
 * A listener on loopback that accepts SSH clients and never lets them finish a handshake, the way real
 * peers do: a {@link #tarpit()} (endlessh, or the wrong service on port 22) sends a byte every second and
 * never a banner; a {@link #bannerThenSilent()} peer sends an SSH banner and then reads without answering.
 */
final class HostilePeer implements AutoCloseable {
    private final ServerSocket listener;
    private final boolean banner;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private HostilePeer(boolean banner) throws IOException {
        this.banner = banner;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "hostile-peer");
        t.setDaemon(true);
        t.start();
    }

    static HostilePeer tarpit() throws IOException {
        return new HostilePeer(false);
    }

    static HostilePeer bannerThenSilent() throws IOException {
        return new HostilePeer(true);
    }

    int connections() {
        return connections.get();
    }

    /** A host pointing at this peer, with an empty known_hosts: no handshake gets as far as the host key. */
    HostConfig host(String name, Path dir) throws IOException {
        Path knownHosts = dir.resolve("known_hosts_none");
        if (!Files.exists(knownHosts)) {
            Files.createFile(knownHosts);
        }
        return new HostConfig(name, false, "127.0.0.1", listener.getLocalPort(), "nobody",
                Optional.of(dir.resolve("id_none")), Optional.of(dir.resolve("known_hosts_none")), false, Set.of(),
                Expectations.NONE, Map.of());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                accepted.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "hostile-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            if (banner) {
                out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] sink = new byte[4096];
                while (in.read(sink) >= 0) {
                    // Swallow the client's banner and key-exchange init; never answer.
                }
                return;
            }
            while (!s.isClosed()) {
                out.write('x');
                out.flush();
                // The peer's own pace, not test synchronisation: a tarpit dribbles one byte a second.
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            // The client gave up: what the test wants.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
