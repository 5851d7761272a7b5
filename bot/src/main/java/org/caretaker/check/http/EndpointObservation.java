package org.caretaker.check.http;

import java.time.Instant;
import java.util.Optional;

/**
 * What one request to an endpoint gave: the answer, or why there was none. The raw observation only;
 * {@link EndpointEvaluation} judges it.
 *
 * @param status              HTTP status, -1 without an answer
 * @param latencyMillis       from sending the request to the response headers, -1 without an answer
 * @param location            the {@code Location} header of a redirect, else empty
 * @param certificateNotAfter for https: when the server's certificate expires, also when it was refused
 * @param failure             why there was no answer, for people ("connection refused"); empty with an answer
 * @param certificateRefused  the TLS handshake failed on the server's certificate (untrusted, wrong name, expired)
 */
public record EndpointObservation(
        int status,
        long latencyMillis,
        String location,
        Optional<Instant> certificateNotAfter,
        String failure,
        boolean certificateRefused) {

    static EndpointObservation answered(int status, long latencyMillis, String location, Optional<Instant> notAfter) {
        return new EndpointObservation(status, latencyMillis, location, notAfter, "", false);
    }

    static EndpointObservation failed(String reason) {
        return new EndpointObservation(-1, -1, "", Optional.empty(), reason, false);
    }

    static EndpointObservation certificateRefused(String reason, Optional<Instant> notAfter) {
        return new EndpointObservation(-1, -1, "", notAfter, reason, true);
    }

    public boolean answered() {
        return failure.isEmpty();
    }
}
