package org.caretaker.site.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server made to hold against slow clients, for the bot's {@code /healthz}, {@code /metrics} and
 * site, and for {@code site serve}. The JDK server reads a request's headers on a pool thread, so a client that
 * sends half a request holds a thread until it finishes; with a pool of two, two such sockets stopped every
 * answer. Here a request must arrive whole within {@link #REQUEST_READ_SECONDS} or its connection is closed, and
 * {@link #THREADS} threads keep answering while that many clients dawdle.
 *
 * <p>Why not Jetty: these servers answer a handful of small read-only requests on loopback or a LAN, and the
 * JDK server with these two limits holds against the slow clients that matter here at no new dependency; the
 * timeouts are the JDK's own, set once per process before the first server is made.
 */
public final class BoundedHttp {
    /** A request line and headers must arrive within this, or the connection is closed. */
    public static final int REQUEST_READ_SECONDS = 10;
    /** Pool threads: far more than the slow clients a homelab sees at once; idle ones end after a minute. */
    public static final int THREADS = 64;

    private BoundedHttp() {
    }

    static {
        // Read once by the JDK when its first server class loads; an operator's own -D setting wins.
        setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_READ_SECONDS));
        setIfAbsent("sun.net.httpserver.timerMillis", "1000");
        setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** A server on {@code address} with the request-read limit and a pool of {@link #THREADS} named threads. */
    public static HttpServer create(InetSocketAddress address, String threadName) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        server.setExecutor(pool(threadName));
        return server;
    }

    /** Shuts the pool of a server made here down, after the server has stopped. */
    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    private static ExecutorService pool(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
