package org.caretaker.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Healthchecks-style pings per job: {@code <url>/start} when a run begins, {@code <url>} when it finished,
 * {@code <url>/fail} with a short summary when it failed. An outside service then notices a caretaker that
 * stopped running at all. Ping URLs carry their secret in the path, so they are never logged; a ping that
 * fails is logged and ignored — it must never hold up or fail a run.
 */
public final class Pinger {
    private static final Logger LOG = LoggerFactory.getLogger(Pinger.class);
    private static final int MAX_BODY = 10_000;

    private final Map<String, URI> urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Pinger(Map<String, URI> urls) {
        this.urls = Map.copyOf(urls);
    }

    public void start(String job) {
        send(job, "/start", "");
    }

    public void success(String job, String summary) {
        send(job, "", summary);
    }

    public void fail(String job, String summary) {
        send(job, "/fail", summary);
    }

    private void send(String job, String suffix, String body) {
        URI base = urls.get(job);
        if (base == null) {
            return;
        }
        String b = base.toString();
        URI uri = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + suffix);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.length > MAX_BODY ? java.util.Arrays.copyOf(bytes, MAX_BODY) : bytes))
                .build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() >= 300) {
                LOG.warn("ping answered job={} kind={} status={}", job, kind(suffix), r.statusCode());
            }
        } catch (java.io.IOException e) {
            LOG.warn("ping failed job={} kind={} reason=\"{}\"", job, kind(suffix), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String kind(String suffix) {
        return suffix.isEmpty() ? "success" : suffix.substring(1);
    }
}
