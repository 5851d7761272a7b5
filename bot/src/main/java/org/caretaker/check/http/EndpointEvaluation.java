package org.caretaker.check.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.config.EndpointExpectation;

/**
 * Judges what an endpoint answered against what the host's {@code expect.endpoints} entry asks: the status,
 * the latency, and for https how long the certificate has left (relative to the engine's clock, so tests
 * can fix it). One finding per endpoint; when several things are wrong the message lists them all and the
 * worst decides the severity and the runbook section.
 */
final class EndpointEvaluation {
    static final String ENDPOINT_DOWN = "runbook/http#endpoint-down";
    static final String SLOW_ENDPOINT = "runbook/http#slow-endpoint";
    static final String CERTIFICATE = "runbook/http#certificate-expiry";

    private EndpointEvaluation() {
    }

    private record Issue(Severity severity, String text, String runbook) {
    }

    static void evaluate(EndpointExpectation e, EndpointObservation o, Instant now, Findings f) {
        String name = e.name();
        if (!o.answered()) {
            if (o.certificateRefused() && o.certificateNotAfter().isPresent() && o.certificateNotAfter().get().isBefore(now)) {
                Instant notAfter = o.certificateNotAfter().get();
                long ago = -daysLeft(now, notAfter);
                f.crit(name, name + ": certificate expired on " + day(notAfter) + " (" + days(ago) + " ago)")
                        .metric("tls_days_left", -ago).runbook(CERTIFICATE);
            } else if (o.certificateRefused()) {
                f.crit(name, name + ": " + o.failure() + " at " + e.shownUrl()).runbook(CERTIFICATE);
            } else {
                f.crit(name, name + " is down: " + o.failure() + " (" + e.shownUrl() + ")").runbook(ENDPOINT_DOWN);
            }
            return;
        }

        List<Issue> issues = new ArrayList<>();
        if (o.status() != e.expectStatus()) {
            String redirect = o.location().isEmpty() ? "" : " (redirect to " + o.location() + ")";
            issues.add(new Issue(Severity.CRIT, "expected " + e.expectStatus() + ", got " + o.status() + redirect, ENDPOINT_DOWN));
        }
        long maxMillis = e.maxLatency().toMillis();
        if (o.latencyMillis() > maxMillis) {
            issues.add(new Issue(Severity.WARN, "answered in " + o.latencyMillis() + " ms, slower than " + maxMillis + " ms",
                    SLOW_ENDPOINT));
        }
        long left = o.certificateNotAfter().map(t -> daysLeft(now, t)).orElse(Long.MAX_VALUE);
        if (o.certificateNotAfter().isPresent()) {
            Instant notAfter = o.certificateNotAfter().get();
            int critDays = e.tlsWarnDays() / 3;
            if (notAfter.isBefore(now)) {
                issues.add(new Issue(Severity.CRIT, "certificate expired on " + day(notAfter), CERTIFICATE));
            } else if (left <= critDays) {
                issues.add(new Issue(Severity.CRIT, "certificate expires in " + days(left) + " on " + day(notAfter)
                        + " (critical within " + days(critDays) + ")", CERTIFICATE));
            } else if (left <= e.tlsWarnDays()) {
                issues.add(new Issue(Severity.WARN, "certificate expires in " + days(left) + " on " + day(notAfter)
                        + " (warning within " + days(e.tlsWarnDays()) + ")", CERTIFICATE));
            }
        }

        Findings.Draft d;
        if (issues.isEmpty()) {
            String tls = o.certificateNotAfter().isPresent() ? ", certificate valid for " + days(left) : "";
            d = f.ok(name, name + " answered " + o.status() + " in " + o.latencyMillis() + " ms" + tls).runbook(ENDPOINT_DOWN);
        } else {
            Issue worst = issues.get(0);
            for (Issue i : issues) {
                if (i.severity().isWorseThan(worst.severity())) {
                    worst = i;
                }
            }
            d = f.add(worst.severity(), name, name + ": " + String.join("; ", issues.stream().map(Issue::text).toList()))
                    .runbook(worst.runbook());
        }
        d.metric("status", o.status()).metric("latency_ms", o.latencyMillis());
        if (o.certificateNotAfter().isPresent()) {
            d.metric("tls_days_left", left);
        }
    }

    /** Whole days from now until the instant; negative once it is past. */
    static long daysLeft(Instant now, Instant until) {
        return Math.floorDiv(Duration.between(now, until).toSeconds(), 86_400L);
    }

    private static String day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
