package org.caretaker.check.zfs;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The {@code scan:} line of {@code zpool status} (or {@code scrub:} in the Solaris-era format): the last or
 * current scrub or resilver. ZFS keeps only the latest scan, so after a resilver the last scrub is unknown.
 *
 * @param kind     scrub, resilver, error scrub, none (never scanned, or "none requested"), or not understood
 * @param state    what the scan is doing or how it ended
 * @param when     when it finished or was canceled, or since when it runs; host local time, no zone
 * @param percent  "% done" of a running or paused scan
 * @param errors   "with N errors" of a finished scan: errors it could not repair
 * @param remaining "01:02:03 to go" as printed, or empty
 * @param text     the scan text as printed, lines joined by a space
 */
public record Scan(
        Kind kind,
        State state,
        Optional<LocalDateTime> when,
        OptionalDouble percent,
        OptionalLong errors,
        String remaining,
        String text) {

    /** ERROR_SCRUB: OpenZFS 2.2's scrub of only the blocks with known errors, not a full scrub. */
    public enum Kind { SCRUB, RESILVER, ERROR_SCRUB, NONE, UNRECOGNIZED }

    public enum State { NEVER, IN_PROGRESS, PAUSED, FINISHED, CANCELED, UNRECOGNIZED }

    /** No scan line at all: a pool that was never scrubbed (newer zpool omits the line). */
    public static final Scan NEVER = new Scan(Kind.NONE, State.NEVER, Optional.empty(), OptionalDouble.empty(),
            OptionalLong.empty(), "", "");
}
