package org.caretaker.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much the monthly job scrubs. 8 % of the array each month, the oldest blocks first, brings every block
 * round within about a year; {@code olderThanDays} keeps a scrub from rereading blocks the last one just read.
 *
 * @param config        the SnapRAID configuration file on the host
 * @param percent       {@code snapraid scrub -p}: share of the array to scrub, 1–100
 * @param olderThanDays {@code snapraid scrub -o}: only blocks not scrubbed for this many days
 * @param pools         ZFS pools to scrub; empty means every pool {@code zpool list} shows
 * @param pollEvery     how often {@code zpool status} is asked whether a scrub finished
 * @param reviewWindow  how far back the SMART review looks for last month's counts
 */
public record ScrubPolicy(String config, int percent, int olderThanDays, List<String> pools, Duration pollEvery,
                          Duration reviewWindow) {

    public static final ScrubPolicy DEFAULTS = new ScrubPolicy("/etc/snapraid.conf", 8, 10, List.of(),
            Duration.ofMinutes(5), Duration.ofDays(35));

    public ScrubPolicy {
        Args.requireAbsolutePath(config);
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("monthly-scrub: percent is 1 to 100, found " + percent);
        }
        if (olderThanDays < 0) {
            throw new IllegalArgumentException("monthly-scrub: older-than-days is 0 or more, found " + olderThanDays);
        }
        pools = List.copyOf(pools);
        pools.forEach(Args::requireName);
        Objects.requireNonNull(pollEvery, "pollEvery");
        Objects.requireNonNull(reviewWindow, "reviewWindow");
        if (pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("monthly-scrub: poll-every must be positive, found " + pollEvery);
        }
    }

    public ScrubPolicy withConfig(String path) {
        return new ScrubPolicy(path, percent, olderThanDays, pools, pollEvery, reviewWindow);
    }

    public ScrubPolicy withScrub(int pct, int days) {
        return new ScrubPolicy(config, pct, days, pools, pollEvery, reviewWindow);
    }
}
