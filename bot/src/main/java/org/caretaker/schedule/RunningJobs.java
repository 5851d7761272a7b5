package org.caretaker.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which jobs run in this process right now, and since when — for "daily-sanity is already running (since
 * 06:30)". Quartz itself enforces the no-overlap rule (also across a cluster); this only lets a person be
 * told instead of queued silently.
 */
final class RunningJobs {
    private final Clock clock;
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    RunningJobs(Clock clock) {
        this.clock = clock;
    }

    void started(String id) {
        since.put(id, clock.instant());
    }

    void finished(String id) {
        since.remove(id);
    }

    Optional<Instant> since(String id) {
        return Optional.ofNullable(since.get(id));
    }
}
