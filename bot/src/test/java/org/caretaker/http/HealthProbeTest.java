package org.caretaker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.store.StoreException;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void aDatabaseThatHangs_isReportedWithinTheTimeout_andAskedOnlyOnce() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        try (HealthProbe probe = new HealthProbe(() -> {
            asked.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> true, TIMEOUT, Duration.ofSeconds(2))) {
            for (int i = 0; i < 3; i++) {
                Optional<String> why = assertTimeoutPreemptively(Duration.ofSeconds(1), probe::unhealthy);
                assertThat(why).contains("database unavailable: no answer within 300 ms");
            }
            assertThat(asked).as("one question in flight at a time").hasValue(1);
        }
    }

    @Test
    void aDatabaseThatRefuses_isReportedWithItsReason() {
        try (HealthProbe probe = new HealthProbe(() -> {
            throw new StoreException("cannot read the outbox: Connection refused");
        }, () -> true, TIMEOUT, Duration.ofSeconds(2))) {
            assertThat(probe.unhealthy()).contains("database unavailable: cannot read the outbox: Connection refused");
        }
    }

    @Test
    void aHealthyVerdict_isKeptBriefly_andTheSchedulerStillCounts() {
        AtomicInteger asked = new AtomicInteger();
        boolean[] running = {true};
        try (HealthProbe probe = new HealthProbe(asked::incrementAndGet, () -> running[0], TIMEOUT, Duration.ofMinutes(1))) {
            assertThat(probe.unhealthy()).isEmpty();
            running[0] = false;
            assertThat(probe.unhealthy()).contains("scheduler not running");
            assertThat(asked).hasValue(1);
        }
    }
}
