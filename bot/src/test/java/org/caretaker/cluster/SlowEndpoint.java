package org.caretaker.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP endpoint that answers after a while: what keeps a run going long enough to be killed in. */
final class SlowEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger holding = new AtomicInteger();
    private volatile Duration hold = Duration.ZERO;

    SlowEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slow-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            try (ex) {
                holding.incrementAndGet();
                try {
                    // The peer's own slowness, not a wait of the test's: a health check that takes this long.
                    Thread.sleep(hold.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    holding.decrementAndGet();
                }
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (IOException gone) {
                // the caller was killed
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    void holdFor(Duration d) {
        hold = d;
    }

    int holding() {
        return holding.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
