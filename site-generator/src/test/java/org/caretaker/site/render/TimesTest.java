package org.caretaker.site.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times read the same on every machine: UTC, to the minute. */
class TimesTest {
    private static final Instant T = Instant.parse("2026-12-02T07:05:42Z");

    @Test
    void aMoment_readsInUtc() {
        assertThat(Times.text(T)).isEqualTo("2026-12-02 07:05 UTC");
        assertThat(Times.day(T)).isEqualTo("Wed 2026-12-02");
        assertThat(Times.time(T)).isEqualTo("07:05 UTC");
        assertThat(Times.shortText(T)).isEqualTo("12-02 07:05");
        assertThat(Times.text(null)).isEqualTo("—");
    }

    @Test
    void howLongARunTook_inSecondsOrMinutesAndSeconds() {
        assertThat(Times.took(T, T.plusSeconds(42))).isEqualTo("42 s");
        assertThat(Times.took(T, T.plusSeconds(75))).isEqualTo("1 min 15 s");
        assertThat(Times.took(T, null)).as("still running").isEqualTo("—");
    }
}
