package org.caretaker.check.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.check.Fixtures.only;
import static org.caretaker.check.http.TestCertificates.dns;
import static org.caretaker.check.http.TestCertificates.ip;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.caretaker.check.Finding;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.config.EndpointExpectation;
import org.caretaker.config.Expectations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real servers on the loopback interface: the JDK's HttpServer for status and latency, HttpsServers with
 * certificates made at test time for TLS, and a port nobody listens on.
 */
class HttpEndpointsCheckTest {
    /** Whole seconds, as certificates store them, so "days left" is exact. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration DAY = Duration.ofDays(1);

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final List<HttpServer> SERVERS = new ArrayList<>();
    private static ExecutorService handlers;
    private static String http;
    private static String closed;
    private static TestCertificates.Issued labCa;
    private static String https90Days;
    private static String https5Days;
    private static String httpsExpired;
    private static String httpsSelfSigned;
    private static String httpsOtherName;
    private static ServerSocket plainText;

    @BeforeAll
    static void startServers() throws Exception {
        handlers = Executors.newCachedThreadPool();
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/health", x -> reply(x, 200, null));
        plain.createContext("/down", x -> reply(x, 503, null));
        plain.createContext("/login-redirect", x -> reply(x, 302, "/login"));
        plain.createContext("/slow", x -> {
            pause(1200);
            reply(x, 200, null);
        });
        plain.createContext("/slow-down", x -> {
            pause(1200);
            reply(x, 503, null);
        });
        plain.createContext("/hang", x -> {
            pause(30_000);
            reply(x, 200, null);
        });
        http = "http://127.0.0.1:" + start(plain);

        labCa = TestCertificates.ca("Caretaker Test Lab CA", NOW.minus(DAY), NOW.plus(Duration.ofDays(3650)));
        https90Days = https(TestCertificates.server(labCa, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)), ip("127.0.0.1")), labCa);
        https5Days = https(TestCertificates.server(labCa, NOW.minus(DAY), NOW.plus(Duration.ofDays(5)), ip("127.0.0.1")), labCa);
        httpsExpired = https(TestCertificates.server(labCa, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(3)),
                ip("127.0.0.1")), labCa);
        httpsSelfSigned = https(TestCertificates.server(null, NOW.minus(DAY), NOW.plus(Duration.ofDays(365)), ip("127.0.0.1")), null);
        httpsOtherName = https(TestCertificates.server(labCa, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)), dns("nas.lan")), labCa);

        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }

        // A plain-HTTP server that answers anything it reads with 400, as nginx does when a TLS handshake
        // arrives at its plain port. (The JDK's HttpServer instead waits for a request line that never comes.)
        plainText = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(HttpEndpointsCheckTest::answerPlainText, "plain-text-server");
        t.setDaemon(true);
        t.start();
    }

    private static void answerPlainText() {
        while (!plainText.isClosed()) {
            try (Socket s = plainText.accept()) {
                s.getInputStream().read(new byte[4096]);
                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The socket is closed when the tests end; one failed exchange only fails its own test.
            }
        }
    }

    @AfterAll
    static void stopServers() throws InterruptedException, IOException {
        RELEASE.countDown();
        plainText.close();
        SERVERS.forEach(s -> s.stop(0));
        handlers.shutdownNow();
        handlers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String https(TestCertificates.Issued cert, TestCertificates.Issued issuer) throws Exception {
        SSLContext tls = TestCertificates.serverContext(cert, issuer);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        s.createContext("/health", x -> reply(x, 200, null));
        return "https://127.0.0.1:" + start(s);
    }

    private static int start(HttpServer s) {
        s.setExecutor(handlers);
        s.start();
        SERVERS.add(s);
        return s.getAddress().getPort();
    }

    private static void reply(HttpExchange x, int status, String location) throws IOException {
        byte[] body = ("status " + status + "\n").getBytes(StandardCharsets.UTF_8);
        if (location != null) {
            x.getResponseHeaders().add("Location", location);
        }
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sleeps like a slow backend; the hanging handler is released when the tests end. */
    private static void pause(long millis) {
        try {
            RELEASE.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static EndpointExpectation endpoint(String name, String url, int status, long maxLatencyMillis, int tlsWarnDays) {
        return new EndpointExpectation(name, URI.create(url), status, Duration.ofMillis(maxLatencyMillis), tlsWarnDays);
    }

    /** Generous latency: a first TLS handshake on a busy test machine can take seconds. */
    private static EndpointExpectation endpoint(String name, String url) {
        return endpoint(name, url, 200, 10_000, 21);
    }

    private static ScriptedContext host(KeyStore trust, EndpointExpectation... endpoints) {
        Expectations expect = new Expectations(List.of(), List.of(), List.of(), List.of(), List.of(endpoints), Optional.empty());
        return new ScriptedContext(new HttpEndpointsCheck(trust), ScriptedContext.host("web", expect)).now(NOW);
    }

    private static ScriptedContext host(EndpointExpectation... endpoints) throws Exception {
        return host(TestCertificates.trusting(labCa), endpoints);
    }

    @Test
    void healthyEndpoint_isOkWithStatusAndLatency() throws Exception {
        ScriptedContext ctx = host(endpoint("health", http + "/health"));

        Finding f = only(ctx.run(), "health");

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).matches("health answered 200 in \\d+ ms");
        assertThat(f.metrics()).containsEntry("status", 200.0).containsKey("latency_ms").doesNotContainKey("tls_days_left");
        assertThat(f.runbook()).isEqualTo("runbook/http#endpoint-down");
        assertThat(ctx.asked()).isEmpty();
    }

    @Test
    void wrongStatus_isCritical() throws Exception {
        Finding f = only(host(endpoint("api", http + "/down")).run(), "api");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("api: expected 200, got 503");
        assertThat(f.metrics()).containsEntry("status", 503.0);
        assertThat(f.runbook()).isEqualTo("runbook/http#endpoint-down");
    }

    @Test
    void redirect_isNotFollowed_andNamesWhereItLeads() throws Exception {
        Finding f = only(host(endpoint("app", http + "/login-redirect")).run(), "app");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("app: expected 200, got 302 (redirect to /login)");
    }

    @Test
    void expectedRedirect_isOk() throws Exception {
        Finding f = only(host(endpoint("app", http + "/login-redirect", 302, 10_000, 21)).run(), "app");

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).matches("app answered 302 in \\d+ ms");
    }

    @Test
    void slowAnswer_isWarning() throws Exception {
        Finding f = only(host(endpoint("slow", http + "/slow", 200, 300, 21)).run(), "slow");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).matches("slow: answered in \\d+ ms, slower than 300 ms");
        assertThat(f.metrics().get("latency_ms")).isGreaterThanOrEqualTo(1200.0);
        assertThat(f.runbook()).isEqualTo("runbook/http#slow-endpoint");
    }

    @Test
    void slowAndWrong_listsBoth_worstDecides() throws Exception {
        Finding f = only(host(endpoint("api", http + "/slow-down", 200, 300, 21)).run(), "api");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).matches("api: expected 200, got 503; answered in \\d+ ms, slower than 300 ms");
        assertThat(f.runbook()).isEqualTo("runbook/http#endpoint-down");
    }

    @Test
    void closedPort_isCriticalConnectionRefused() throws Exception {
        Finding f = only(host(endpoint("gone", closed + "/health")).run(), "gone");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("gone is down: connection refused (" + closed + "/health)");
        assertThat(f.metrics()).isEmpty();
        assertThat(f.runbook()).isEqualTo("runbook/http#endpoint-down");
    }

    @Test
    void unresolvableHost_isCritical() throws Exception {
        Finding f = only(host(endpoint("typo", "http://caretaker-test.invalid/health")).run(), "typo");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo(
                "typo is down: host name caretaker-test.invalid does not resolve (http://caretaker-test.invalid/health)");
    }

    @Test
    void hangingServer_endsAtTheTimeout() throws Exception {
        ScriptedContext ctx = host(endpoint("stuck", http + "/hang")).thresholds(Map.of("timeout-seconds", 1.0));

        long start = System.nanoTime();
        Finding f = only(ctx.run(), "stuck");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("stuck is down: no answer within 1 s (" + http + "/hang)");
        assertThat(tookMillis).isLessThan(3500);
    }

    @Test
    void endpoints_areRequestedAtTheSameTime() throws Exception {
        ScriptedContext ctx = host(endpoint("a", http + "/slow", 200, 5000, 21), endpoint("b", http + "/slow", 200, 5000, 21),
                endpoint("c", http + "/slow", 200, 5000, 21), endpoint("d", http + "/health"));

        long start = System.nanoTime();
        List<Finding> findings = ctx.run();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(findings).extracting(Finding::subject).containsExactly("a", "b", "c", "d");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(tookMillis).isLessThan(3500);
    }

    @Test
    void trustedCertificate_isOkWithDaysLeft() throws Exception {
        Finding f = only(host(endpoint("grafana", https90Days + "/health")).run(), "grafana");

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).matches("grafana answered 200 in \\d+ ms, certificate valid for 90 days");
        assertThat(f.metrics()).containsEntry("status", 200.0).containsEntry("tls_days_left", 90.0);
    }

    @Test
    void certificateExpiringWithinWarnDays_isWarning() throws Exception {
        String notAfter = NOW.plus(Duration.ofDays(5)).toString().substring(0, 10);

        Finding f = only(host(endpoint("nextcloud", https5Days + "/health", 200, 10_000, 10)).run(), "nextcloud");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("nextcloud: certificate expires in 5 days on " + notAfter + " (warning within 10 days)");
        assertThat(f.metrics()).containsEntry("tls_days_left", 5.0);
        assertThat(f.runbook()).isEqualTo("runbook/http#certificate-expiry");
    }

    @Test
    void certificateExpiringWithinAThirdOfWarnDays_isCritical() throws Exception {
        String notAfter = NOW.plus(Duration.ofDays(5)).toString().substring(0, 10);

        Finding f = only(host(endpoint("nextcloud", https5Days + "/health")).run(), "nextcloud");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("nextcloud: certificate expires in 5 days on " + notAfter + " (critical within 7 days)");
        assertThat(f.runbook()).isEqualTo("runbook/http#certificate-expiry");
    }

    @Test
    void expiredCertificate_isCriticalWithTheDate() throws Exception {
        String notAfter = NOW.minus(Duration.ofDays(3)).toString().substring(0, 10);

        Finding f = only(host(endpoint("old", httpsExpired + "/health")).run(), "old");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("old: certificate expired on " + notAfter + " (3 days ago)");
        assertThat(f.metrics()).containsExactly(Map.entry("tls_days_left", -3.0));
        assertThat(f.runbook()).isEqualTo("runbook/http#certificate-expiry");
    }

    @Test
    void selfSignedCertificate_isCriticalNotTrusted() throws Exception {
        Finding f = only(host(endpoint("pihole", httpsSelfSigned + "/health")).run(), "pihole");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pihole: certificate not trusted (self-signed or issued by a CA that is not trusted) at "
                + httpsSelfSigned + "/health");
        assertThat(f.runbook()).isEqualTo("runbook/http#certificate-expiry");
    }

    @Test
    void labCaCertificate_withTheJdksTrustStore_isNotTrusted() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new HttpEndpointsCheck(), ScriptedContext.host("web",
                new Expectations(List.of(), List.of(), List.of(), List.of(), List.of(endpoint("grafana", https90Days + "/health")),
                        Optional.empty()))).now(NOW);

        Finding f = only(ctx.run(), "grafana");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("grafana: certificate not trusted (self-signed or issued by a CA that is not trusted) at "
                + https90Days + "/health");
    }

    @Test
    void certificateForAnotherName_isNotTrusted() throws Exception {
        Finding f = only(host(endpoint("nas", httpsOtherName + "/health")).run(), "nas");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("nas: certificate not trusted (issued for another name: "
                + "No subject alternative names matching IP address 127.0.0.1 found) at " + httpsOtherName + "/health");
    }

    @Test
    void httpsToAPlainHttpPort_isATlsFailure() throws Exception {
        String url = "https://127.0.0.1:" + plainText.getLocalPort() + "/health";

        Finding f = only(host(endpoint("mixed", url)).run(), "mixed");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("mixed is down: TLS handshake failed (Unrecognized SSL message, plaintext connection?) (" + url + ")");
        assertThat(f.runbook()).isEqualTo("runbook/http#endpoint-down");
    }

    @Test
    void appliesOnlyToHostsWithEndpoints() throws Exception {
        HttpEndpointsCheck check = new HttpEndpointsCheck();

        assertThat(check.appliesTo(ScriptedContext.host("pve"))).isFalse();
        assertThat(check.appliesTo(host(endpoint("a", http + "/health")).host())).isTrue();
    }
}
