package org.caretaker.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A web endpoint on loopback that holds its answer until the test releases it: an {@code http-endpoints} check
 * of a run waits on it for as long as the fault takes (a kill, a database outage). Once released, every
 * request is answered at once with 200 {@code ok}.
 */
final class HeldEndpoint implements AutoCloseable {
    private final HttpServer web;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    /** @param held whether the n-th request (counting from 1) waits for {@link #release()} */
    HeldEndpoint(IntPredicate held) throws IOException {
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        web.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "held-endpoint");
            t.setDaemon(true);
            return t;
        }));
        web.createContext("/", ex -> {
            if (held.test(requests.incrementAndGet())) {
                try {
                    release.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        web.start();
    }

    int port() {
        return web.getAddress().getPort();
    }

    /** Requests received so far, held or not. */
    int requests() {
        return requests.get();
    }

    void release() {
        release.countDown();
    }

    @Override
    public void close() {
        release();
        web.stop(0);
    }
}
