package org.caretaker.check.prometheus;

/**
 * One active scrape target from Prometheus' {@code /api/v1/targets}.
 *
 * @param job        the {@code job} label
 * @param instance   the {@code instance} label, e.g. {@code 10.0.0.5:9100}
 * @param scrapeUrl  the URL Prometheus scrapes
 * @param health     "up", "down" or "unknown" (not scraped yet)
 * @param lastError  why the last scrape failed; empty when it worked
 */
public record Target(String job, String instance, String scrapeUrl, String health, String lastError) {

    /** {@code job/instance}: one instance can be scraped by several jobs. */
    public String subject() {
        return job + "/" + instance;
    }
}
