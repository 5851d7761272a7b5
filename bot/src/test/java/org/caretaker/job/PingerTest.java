package org.caretaker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PingerTest {
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + (body.isEmpty() ? "" : " " + body));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void pingsStartSuccessAndFail_withTheSummary() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping/5e1f-uuid");
        Pinger p = new Pinger(Map.of("daily-sanity", url));

        p.start("daily-sanity");
        p.success("daily-sanity", "12 OK, 1 WARN");
        p.fail("daily-sanity", "store unavailable");
        p.start("weekly-snapraid");

        assertThat(received).containsExactly(
                "POST /ping/5e1f-uuid/start",
                "POST /ping/5e1f-uuid 12 OK, 1 WARN",
                "POST /ping/5e1f-uuid/fail store unavailable");
    }

    @Test
    void deadPingService_neverFailsTheRun() {
        URI closed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
        server.stop(0);
        Pinger p = new Pinger(Map.of("daily-sanity", closed));

        p.start("daily-sanity");
        p.fail("daily-sanity", "x");

        assertThat(received).isEmpty();
    }
}
