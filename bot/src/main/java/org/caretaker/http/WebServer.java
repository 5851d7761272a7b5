package org.caretaker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.caretaker.config.HttpConfig;
import org.caretaker.site.serve.BoundedHttp;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own small HTTP server, on loopback unless configured otherwise: {@code /healthz} for a process
 * supervisor or uptime monitor, {@code /metrics} for Prometheus. Read-only; it changes nothing.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final com.sun.net.httpserver.HttpServer server;
    private final MetricsSource source;

    public WebServer(HttpConfig config, MetricsSource source) throws IOException {
        this.source = source;
        server = BoundedHttp.create(new InetSocketAddress(config.host(), config.port()), "http");
        server.createContext("/healthz", get("/healthz", exchange -> health(source)));
        server.createContext("/metrics", get("/metrics", exchange -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", PrometheusText.render(source))));
    }

    /** Mounts another handler (the runbook site) under a path. */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public void start() {
        server.start();
        LOG.info("http listening address={}:{}", server.getAddress().getHostString(), server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static Response health(MetricsSource source) {
        return source.unhealthy()
                .map(why -> new Response(503, "text/plain; charset=utf-8", "unhealthy: " + why + "\n"))
                .orElseGet(() -> new Response(200, "text/plain; charset=utf-8", "ok\n"));
    }

    private record Response(int status, String contentType, String body) {
    }

    @FunctionalInterface
    private interface Handler {
        Response handle(HttpExchange exchange) throws StoreException;
    }

    /** A GET handler for exactly {@code path}: the JDK matches contexts by prefix, so /healthzz would reach it. */
    private static HttpHandler get(String path, Handler h) {
        return exchange -> {
            try (exchange) {
                Response r;
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    r = new Response(404, "text/plain; charset=utf-8", "not found\n");
                } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    r = new Response(405, "text/plain; charset=utf-8", "only GET\n");
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                } else {
                    try {
                        r = h.handle(exchange);
                    } catch (StoreException | RuntimeException e) {
                        LOG.warn("http request failed path={} reason=\"{}\"", exchange.getRequestURI().getPath(), e.getMessage());
                        r = new Response(503, "text/plain; charset=utf-8", "unavailable: " + e.getClass().getSimpleName() + "\n");
                    }
                }
                byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", r.contentType());
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(r.status(), head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            } catch (IOException e) {
                LOG.debug("http response failed: {}", e.toString());
            }
        };
    }

    @Override
    public void close() {
        BoundedHttp.stop(server);
        source.close();
    }
}
