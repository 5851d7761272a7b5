package org.caretaker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.config.HttpConfig;
import org.caretaker.site.serve.BoundedHttp;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoredState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that send half a request and stall (slowloris, a dead laptop mid-request) never stop the answers. */
class WebServer_SlowClientsTest {
    private static final int HALF_OPEN = 50;
    private static final Duration GENEROUS = Duration.ofSeconds(1);

    private WebServer server;
    private final List<Socket> stalled = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        server = new WebServer(new HttpConfig("127.0.0.1", 0), new MetricsSource() {
            @Override
            public List<StoredState> states() {
                return List.of();
            }

            @Override
            public List<String> jobs() {
                return List.of();
            }

            @Override
            public Optional<RunRecord> lastRun(String job) {
                return Optional.empty();
            }

            @Override
            public Optional<RunRecord> lastSuccess(String job) {
                return Optional.empty();
            }

            @Override
            public int outboxDepth() {
                return 0;
            }

            @Override
            public boolean schedulerRunning() {
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : stalled) {
            s.close();
        }
        server.close();
    }

    /** A raw socket that sends a request line and one header, then nothing: the server waits for the rest. */
    private Socket halfARequest() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        OutputStream out = s.getOutputStream();
        out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stalled.add(s);
        return s;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fiftyHalfOpenRequests_leaveHealthzAnsweringAtOnce() throws Exception {
        assertThat(get("/healthz").statusCode()).as("warm").isEqualTo(200);
        for (int i = 0; i < HALF_OPEN; i++) {
            halfARequest();
        }

        long worst = 0;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = get("/healthz");
            worst = Math.max(worst, System.nanoTime() - start);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok\n");
        }
        // A generous bound against a busy build machine; before, the answer never came while the sockets stayed.
        assertThat(Duration.ofNanos(worst)).isLessThan(GENEROUS);
    }

    @Test
    void aRequestThatNeverFinishes_isCutOffAfterTheRequestReadTimeout() throws Exception {
        Socket s = halfARequest();
        s.setSoTimeout((BoundedHttp.REQUEST_READ_SECONDS + 15) * 1000);
        InputStream in = s.getInputStream();

        long start = System.nanoTime();
        int first = in.read();

        assertThat(first).as("the server closes without answering").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofSeconds(BoundedHttp.REQUEST_READ_SECONDS + 5));
    }

    @Test
    void pathsMatchExactly_notByPrefix() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/healthzz").statusCode()).isEqualTo(404);
        assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
        assertThat(get("/metricsfoo").statusCode()).isEqualTo(404);
    }
}
