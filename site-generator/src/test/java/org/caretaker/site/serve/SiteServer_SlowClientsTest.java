package org.caretaker.site.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code site serve} keeps answering while clients that sent half a request hang on (it had four threads). */
class SiteServer_SlowClientsTest {
    @TempDir
    Path dir;

    private SiteServer server;
    private final List<Socket> stalled = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : stalled) {
            s.close();
        }
        server.close();
    }

    @Test
    void fiftyHalfOpenRequests_leaveThePagesAnswering() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>Runbooks</title>");
        server = new SiteServer(dir, 0);
        server.start();
        for (int i = 0; i < 50; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
            OutputStream out = s.getOutputStream();
            out.write("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stalled.add(s);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/index.html"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Runbooks");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
