package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.Fixtures;
import org.junit.jupiter.api.Test;

class SnapraidProgressTest {

    private static List<SnapraidProgress> progressOf(String fixture) throws Exception {
        return Arrays.stream(Fixtures.read("snapraid/" + fixture).split("[\r\n]"))
                .map(SnapraidProgress::parse).flatMap(Optional::stream).toList();
    }

    @Test
    void realSync_givesItsFragmentsInOrder() throws Exception {
        assertThat(progressOf("real/4-sync.txt")).containsExactly(
                new SnapraidProgress(1, Optional.empty(), Optional.empty()),
                new SnapraidProgress(100, Optional.of(Duration.ZERO), Optional.empty()));
    }

    @Test
    void capturedScrub_endsCompleted() throws Exception {
        List<SnapraidProgress> p = progressOf("captured/09-scrub-clean.txt");

        assertThat(p).isNotEmpty();
        assertThat(p.get(p.size() - 1)).isEqualTo(new SnapraidProgress(100, Optional.of(Duration.ZERO), Optional.empty()));
    }

    @Test
    void everySyncAndScrubFixture_onlyYieldsPercentagesThatAreThere() throws Exception {
        for (String f : List.of("captured/01-sync.txt", "captured/07-sync-log.txt", "captured/10-scrub-errors.txt",
                "captured/14-fix.txt", "captured/16-scrub-bad.txt", "real/2-sync.txt", "real/4-scrub.txt")) {
            List<SnapraidProgress> p = progressOf(f);
            assertThat(p).as(f).isNotEmpty();
            assertThat(p).as(f).allSatisfy(x -> assertThat(x.percent()).isBetween(0, 100));
        }
    }

    @Test
    void fullFragment_givesPercentSpeedAndEtaInHoursAndMinutes() {
        assertThat(SnapraidProgress.parse("45%, 1234 MB, 56 MB/s, 12 stripe/s, CPU 5%, 1:03 ETA"))
                .contains(new SnapraidProgress(45, Optional.of(Duration.ofMinutes(63)), Optional.of("56 MB/s")));
        assertThat(SnapraidProgress.parse("  7%, 20480 MB, 180 MB/s, CPU 12%, 0:41 ETA   "))
                .contains(new SnapraidProgress(7, Optional.of(Duration.ofMinutes(41)), Optional.of("180 MB/s")));
    }

    @Test
    void otherLines_areNotProgress() {
        assertThat(SnapraidProgress.parse("Syncing...")).isEmpty();
        assertThat(SnapraidProgress.parse("     100% d1")).isEmpty();
        assertThat(SnapraidProgress.parse("Everything OK")).isEmpty();
        assertThat(SnapraidProgress.parse("250%, 1 MB")).isEmpty();
        assertThat(SnapraidProgress.parse(null)).isEmpty();
    }
}
