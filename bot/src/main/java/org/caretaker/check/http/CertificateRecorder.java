package org.caretaker.check.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly what the wrapped trust manager trusts, and remembers the certificate it refused for each
 * host and port. A failed handshake leaves no session to read, yet "expired three days ago" is a far better
 * message than "PKIX validation failed", so the refused certificate is kept for {@link EndpointRequester}.
 * One instance serves one run; the JDK client calls it from its own threads.
 */
final class CertificateRecorder extends X509ExtendedTrustManager {

    /** The server's own certificate and why it was refused. */
    record Refusal(X509Certificate leaf, CertificateException error) {
    }

    private final X509ExtendedTrustManager delegate;
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    CertificateRecorder(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    Optional<Refusal> refusal(String host, int port) {
        return Optional.ofNullable(refused.get(host + ":" + port));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            if (chain != null && chain.length > 0 && engine != null) {
                refused.put(engine.getPeerHost() + ":" + engine.getPeerPort(), new Refusal(chain[0], e));
            }
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
