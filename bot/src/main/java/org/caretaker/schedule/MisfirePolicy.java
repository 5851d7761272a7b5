package org.caretaker.schedule;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to a fire that was missed because the bot was down (or every worker was busy) at the time.
 *
 * <ul>
 *   <li>{@code RUN_ONCE}: it runs once as soon as the bot is back, however many fires were missed — a daily
 *       sweep missed at 06:30 is still worth having at 09:00;</li>
 *   <li>{@code SKIP}: it waits for its next regular time — for heavy work (a scrub) that must not start at
 *       an arbitrary hour.</li>
 * </ul>
 */
public enum MisfirePolicy {
    RUN_ONCE, SKIP;

    /** The name used in schedule files: {@code run-once}, {@code skip}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<MisfirePolicy> parse(String text) {
        for (MisfirePolicy p : values()) {
            if (p.id().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
