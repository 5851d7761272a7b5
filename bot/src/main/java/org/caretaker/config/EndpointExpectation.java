package org.caretaker.config;

import java.net.URI;
import java.time.Duration;

/**
 * An HTTP endpoint the bot itself requests (not over SSH): a health URL, a dashboard. A URL may carry a
 * password in its user-info part ({@code http://user:password@host/}); findings, logs and {@link #toString()}
 * show it through {@link #shownUrl()}, which masks the password.
 *
 * @param name          short name used as the finding's subject
 * @param url           http or https URL
 * @param expectStatus  the status code that counts as healthy (default 200)
 * @param maxLatency    slower answers are WARN
 * @param tlsWarnDays   for https: certificate expiring within this many days is WARN (CRIT within a third of it)
 */
public record EndpointExpectation(String name, URI url, int expectStatus, Duration maxLatency, int tlsWarnDays) {
    public EndpointExpectation {
        new Rules()
                .require(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"), "name", "must be a short plain name, found '" + name + "'")
                .require(url != null && url.getScheme() != null && (url.getScheme().equals("http") || url.getScheme().equals("https")) && url.getHost() != null,
                        "url", "must be an http:// or https:// URL with a host, found '" + (url == null ? null : masked(url)) + "'")
                .require(expectStatus >= 100 && expectStatus <= 599, "expect-status", "must be an HTTP status between 100 and 599")
                .require(maxLatency != null && !maxLatency.isNegative() && !maxLatency.isZero(), "max-latency", "must be positive")
                .require(tlsWarnDays >= 0, "tls-warn-days", "must not be negative")
                .check();
    }

    /** The URL as it may be shown: a password in its user-info part is replaced by {@code ******}. */
    public String shownUrl() {
        return masked(url);
    }

    private static String masked(URI u) {
        String info = u.getRawUserInfo();
        if (info == null) {
            return u.toString();
        }
        int colon = info.indexOf(':');
        String shown = colon < 0 ? info : info.substring(0, colon) + ":******";
        return u.toString().replace(info + "@", shown + "@");
    }

    @Override
    public String toString() {
        return "EndpointExpectation[name=" + name + ", url=" + shownUrl() + ", expectStatus=" + expectStatus
                + ", maxLatency=" + maxLatency + ", tlsWarnDays=" + tlsWarnDays + "]";
    }
}
