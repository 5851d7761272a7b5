package org.caretaker.check.http;

import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.config.EndpointExpectation;
import org.caretaker.config.HostConfig;

/**
 * {@code http-endpoints}: the bot itself requests each URL in the host's {@code expect.endpoints} (nothing
 * runs on the host) and checks the status, the latency and the TLS certificate. Redirects are not followed:
 * a service that answers with a redirect to its login page is not the healthy answer, so expect 301 or 302
 * explicitly where that is what the endpoint does.
 */
public final class HttpEndpointsCheck implements Check {
    public static final String ID = "http-endpoints";
    static final String TIMEOUT = "timeout-seconds";

    private final EndpointRequester requester;

    /** Trusts the certificate authorities the JDK trusts. */
    public HttpEndpointsCheck() {
        this(null);
    }

    /**
     * Trusts exactly the certificate authorities in {@code trustStore} (null: the JDK's). Tests use it with a
     * CA they make; it is also the way to trust a lab's own CA.
     */
    public HttpEndpointsCheck(KeyStore trustStore) {
        this.requester = new EndpointRequester(trustStore);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "HTTP endpoints answer with the expected status, in time, with a certificate that is trusted and not about to expire";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return !host.expect().endpoints().isEmpty();
    }

    @Override
    public String appliesWhen() {
        return "hosts with expect.endpoints";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of(TIMEOUT, 10.0);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws InterruptedException {
        Findings f = ctx.findings();
        List<EndpointExpectation> endpoints = ctx.host().expect().endpoints();
        if (endpoints.isEmpty()) {
            f.ok("-", "no endpoints are expected on this host").runbook(EndpointEvaluation.ENDPOINT_DOWN);
            return f.list();
        }
        long secs = Math.max(1, Math.min(120, Math.round(ctx.thresholds().get(TIMEOUT))));
        List<EndpointObservation> observed = requester.request(endpoints, Duration.ofSeconds(secs));
        for (int i = 0; i < endpoints.size(); i++) {
            EndpointEvaluation.evaluate(endpoints.get(i), observed.get(i), ctx.now(), f);
        }
        return f.list();
    }
}
