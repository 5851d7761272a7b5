package org.caretaker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T03:30:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final List<String> heard = new ArrayList<>();
    private final ProgressThrottle throttle = new ProgressThrottle(
            (host, step, percent, eta) -> heard.add(percent + "%" + eta.map(e -> " " + e.toMinutes() + "m").orElse("")), "nas", "sync", clock);

    @Test
    void firstProgress_passes_thenOnlyEveryFivePercent() {
        throttle.accept("Syncing...");
        throttle.accept("0%, 0 MB");
        throttle.accept("1%, 10 MB, 50 MB/s, CPU 3%, 2:10 ETA");
        throttle.accept("4%, 40 MB, 50 MB/s, CPU 3%, 2:00 ETA");
        throttle.accept("5%, 50 MB, 50 MB/s, CPU 3%, 1:58 ETA");
        throttle.accept("9%, 90 MB, 50 MB/s, CPU 3%, 1:50 ETA");
        throttle.accept("10%, 100 MB, 50 MB/s, CPU 3%, 1:48 ETA");

        assertThat(heard).containsExactly("0%", "5% 118m", "10% 108m");
    }

    @Test
    void fifteenSecondsLater_evenOnePercentPasses() {
        throttle.accept("20%, 200 MB, 50 MB/s, CPU 3%, 1:00 ETA");
        clock.advance(Duration.ofSeconds(14));
        throttle.accept("21%, 210 MB, 50 MB/s, CPU 3%, 0:59 ETA");
        clock.advance(Duration.ofSeconds(1));
        throttle.accept("22%, 220 MB, 50 MB/s, CPU 3%, 0:58 ETA");
        clock.advance(Duration.ofSeconds(30));
        throttle.accept("22%, 220 MB, 50 MB/s, CPU 3%, 0:58 ETA");

        assertThat(heard).containsExactly("20% 60m", "22% 58m");
    }

    @Test
    void completion_alwaysPasses() {
        throttle.accept("97%, 970 MB, 50 MB/s, CPU 3%, 0:01 ETA");
        throttle.accept("100% completed, 1000 MB accessed in 1:02");

        assertThat(heard).containsExactly("97% 1m", "100% 0m");
    }

    @Test
    void aListenerThatThrows_isIgnored() {
        ProgressThrottle broken = new ProgressThrottle((h, s, p, e) -> {
            throw new IllegalStateException("chat down");
        }, "nas", "sync", clock);

        assertThatCode(() -> {
            broken.accept("5%, 1 MB");
            broken.accept("100% completed, 1 MB accessed in 0:00");
        }).doesNotThrowAnyException();
    }
}
