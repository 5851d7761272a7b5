package org.caretaker.site.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real server on a loopback port, spoken to with raw HTTP so that no client tidies the path first. */
class StaticSiteHandlerTest {
    @TempDir
    Path dir;

    private SiteServer server;

    @BeforeEach
    void start() throws IOException {
        Path site = dir.resolve("site");
        Files.createDirectories(site.resolve("runbook"));
        Files.writeString(site.resolve("index.html"), "<p>home</p>");
        Files.writeString(site.resolve("runbook/zfs.html"), "<p>zfs</p>");
        Files.writeString(site.resolve("404.html"), "<p>not here</p>");
        Files.writeString(dir.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(site.resolve("leak.html"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("up"), dir);
        server = new SiteServer(site, 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String get(String rawPath) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void servesPagesAndTheIndex() throws IOException {
        assertThat(get("/")).startsWith("HTTP/1.1 200").contains("text/html").endsWith("<p>home</p>");
        assertThat(get("/runbook/zfs.html")).startsWith("HTTP/1.1 200").endsWith("<p>zfs</p>");
        assertThat(get("/runbook/nope.html")).startsWith("HTTP/1.1 404").endsWith("<p>not here</p>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/runbook/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
            "/runbook/%2e%2e%2f%2e%2e%2fsecret.txt", "/leak.html", "/up/secret.txt", "/..\\secret.txt", "/%00/index.html",
            "//etc/passwd", "/runbook/../../../../../../etc/passwd"})
    void pathsLeavingTheFolder_are404_andLeakNothing(String path) throws IOException {
        String response = get(path);
        assertThat(response).doesNotContain("SECRET").doesNotContain("root:x:0");
        assertThat(response).matches("(?s)HTTP/1.1 (400|404).*");
    }

    @Test
    void onlyGetAndHead() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write("DELETE /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 405");
        }
    }
}
