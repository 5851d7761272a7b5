package org.caretaker.check.snapraid;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One progress fragment of {@code snapraid sync|scrub|check|fix}, as it redraws it with carriage returns while
 * it runs: {@code 45%, 1234 MB, 56 MB/s, 12 stripe/s, CPU 5%, 0:03 ETA}. The first fragments lack speed and
 * ETA ({@code 0%, 0 MB}) until SnapRAID has measured something, and the run ends with
 * {@code 100% completed, 2048 MB accessed in 0:05}. The ETA is SnapRAID's {@code hours:minutes}. Pure.
 *
 * @param percent how far the run is, 0 to 100
 * @param eta     the time SnapRAID expects it still needs; zero once completed
 * @param speed   the throughput as printed, {@code 56 MB/s}
 */
public record SnapraidProgress(int percent, Optional<Duration> eta, Optional<String> speed) {
    private static final Pattern RUNNING = Pattern.compile("^(\\d{1,3})%, \\d{1,15} MB(?:, (\\d{1,15} MB/s))?.*?(?:, (\\d{1,6}):(\\d{2}) ETA)?\\s*$");
    private static final Pattern COMPLETED = Pattern.compile("^(\\d{1,3})% completed, \\d{1,15} MB accessed");

    public SnapraidProgress {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0 to 100, was " + percent);
        }
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(speed, "speed");
    }

    /** The fragment's progress; empty for any other line (headers, the summary, errors). */
    public static Optional<SnapraidProgress> parse(String fragment) {
        if (fragment == null) {
            return Optional.empty();
        }
        String t = fragment.strip();
        Matcher m = COMPLETED.matcher(t);
        if (m.find()) {
            return percent(m.group(1)).map(p -> new SnapraidProgress(p, Optional.of(Duration.ZERO), Optional.empty()));
        }
        m = RUNNING.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Duration> eta = m.group(3) == null ? Optional.empty()
                : Optional.of(Duration.ofHours(Long.parseLong(m.group(3))).plusMinutes(Long.parseLong(m.group(4))));
        Optional<String> speed = Optional.ofNullable(m.group(2));
        return percent(m.group(1)).map(p -> new SnapraidProgress(p, eta, speed));
    }

    private static Optional<Integer> percent(String digits) {
        int p = Integer.parseInt(digits);
        return p <= 100 ? Optional.of(p) : Optional.empty();
    }
}
