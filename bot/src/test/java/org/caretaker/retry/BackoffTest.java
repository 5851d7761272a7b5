package org.caretaker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleFromTheFirst_andStayAtTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(b::after).map(Duration::toSeconds))
                .containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    }

    @Test
    void attemptsBeyondAnyDoublingStillWaitTheCap_andAttemptZeroWaitsTheFirst() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(1));

        assertThat(b.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.after(0)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aCapBelowTheFirstWait_isRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first <= cap");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
