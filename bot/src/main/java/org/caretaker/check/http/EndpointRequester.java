package org.caretaker.check.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.caretaker.config.EndpointExpectation;

/**
 * Requests endpoints from the bot itself with the JDK's HTTP client: GET, HTTP/1.1, redirects not followed
 * (a redirect to a login page must not pass for healthy), one connect and request timeout, all endpoints at
 * once. Whatever happens becomes an {@link EndpointObservation}; nothing is thrown but
 * {@link InterruptedException}.
 */
final class EndpointRequester {
    /** Beyond the client's own timeouts: a response stuck in the client still cannot hold the run longer. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final KeyStore trustStore;

    /** @param trustStore the CAs to trust; null for the JDK's own (cacerts), read when a run needs them */
    EndpointRequester(KeyStore trustStore) {
        this.trustStore = trustStore;
    }

    List<EndpointObservation> request(List<EndpointExpectation> endpoints, Duration timeout) throws InterruptedException {
        CertificateRecorder recorder = new CertificateRecorder(trustManager(trustStore));
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls(recorder))
                .build();
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        List<CompletableFuture<EndpointObservation>> pending = new ArrayList<>();
        for (EndpointExpectation e : endpoints) {
            pending.add(send(client, e, timeout));
        }
        List<EndpointObservation> out = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            out.add(await(pending.get(i), endpoints.get(i), timeout, deadline, recorder));
        }
        return out;
    }

    private static CompletableFuture<EndpointObservation> send(HttpClient client, EndpointExpectation e, Duration timeout) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(e.url())
                    .timeout(timeout)
                    .header("User-Agent", "Caretaker")
                    .GET()
                    .build();
        } catch (IllegalArgumentException ex) {
            return CompletableFuture.completedFuture(EndpointObservation.failed("the URL cannot be requested (" + message(ex) + ")"));
        }
        long start = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            long millis = (System.nanoTime() - start) / 1_000_000;
            closeUnread(response.body());
            return EndpointObservation.answered(response.statusCode(), millis,
                    response.headers().firstValue("Location").orElse(""),
                    response.sslSession().flatMap(EndpointRequester::notAfter));
        });
    }

    /** The headers are all we judge; a health page or dashboard may be large, so its body is never read. */
    private static void closeUnread(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Closing only drops the connection; there is nothing left to report about it.
        }
    }

    private static EndpointObservation await(CompletableFuture<EndpointObservation> future, EndpointExpectation e,
            Duration timeout, long deadline, CertificateRecorder recorder) throws InterruptedException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            future.cancel(true);
            return EndpointObservation.failed("no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException ex) {
            return why(ex.getCause(), e, timeout, deadline, recorder);
        }
    }

    /** Turns the client's exception into a reason a person understands. */
    private static EndpointObservation why(Throwable failure, EndpointExpectation e, Duration timeout, long deadline,
            CertificateRecorder recorder) {
        String secs = timeout.toSeconds() + " s";
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return EndpointObservation.failed("no connection within " + secs);
        }
        if (find(failure, HttpTimeoutException.class) != null) {
            return EndpointObservation.failed("no answer within " + secs);
        }
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return EndpointObservation.failed("host name " + host(e) + " does not resolve");
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            Optional<CertificateRecorder.Refusal> refusal = recorder.refusal(host(e), port(e));
            if (refusal.isPresent()) {
                return EndpointObservation.certificateRefused(
                        "certificate not trusted (" + reason(refusal.get().error()) + ")",
                        Optional.of(refusal.get().leaf().getNotAfter().toInstant()));
            }
            return EndpointObservation.failed("TLS handshake failed (" + message(tls) + ")");
        }
        ConnectException connect = find(failure, ConnectException.class);
        if (connect != null) {
            return EndpointObservation.failed(connect.getMessage() != null ? lowerFirst(connect.getMessage()) : diagnose(e, timeout, deadline));
        }
        return EndpointObservation.failed("request failed (" + message(failure) + ")");
    }

    /**
     * The JDK client reports every failed connect as a ConnectException without a message, which cannot tell
     * "connection refused" (the service is down) from "no route to host" (the machine is). One plain socket
     * connect, bounded by a few seconds and by the run's deadline, asks the operating system which it is.
     */
    private static String diagnose(EndpointExpectation e, Duration timeout, long deadline) {
        long millis = Math.min(3000, (deadline - System.nanoTime()) / 1_000_000);
        if (millis <= 0) {
            return "could not connect";
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(e), port(e)), (int) millis);
            return "could not connect (a second attempt did)";
        } catch (SocketTimeoutException ex) {
            return "no connection within " + timeout.toSeconds() + " s";
        } catch (UnknownHostException ex) {
            return "host name " + host(e) + " does not resolve";
        } catch (IOException ex) {
            return ex.getMessage() == null ? "could not connect" : lowerFirst(ex.getMessage());
        }
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** "Connection refused" reads as part of a sentence: "connection refused". */
    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** What PKIX said, in the words a homelab owner knows. */
    private static String reason(CertificateException error) {
        String m = message(error);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "expired";
            }
        }
        if (m.contains("unable to find valid certification path")) {
            return "self-signed or issued by a CA that is not trusted";
        }
        if (m.contains("No subject alternative") || m.contains("No name matching")) {
            return "issued for another name: " + m;
        }
        return m;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static Optional<Instant> notAfter(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                return Optional.of(leaf.getNotAfter().toInstant());
            }
        } catch (SSLPeerUnverifiedException e) {
            // An anonymous session has no certificate to judge.
        }
        return Optional.empty();
    }

    static String host(EndpointExpectation e) {
        String h = e.url().getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    static int port(EndpointExpectation e) {
        int p = e.url().getPort();
        return p >= 0 ? p : e.url().getScheme().equals("https") ? 443 : 80;
    }

    private static SSLContext tls(TrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(trustStore);
            for (TrustManager m : f.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK's trust manager factory offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trust store", e);
        }
    }
}
