package org.caretaker.site.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times read on the site: UTC, to the minute, the same on every machine. */
public final class Times {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String text(Instant t) {
        return t == null ? "—" : TEXT.format(t);
    }

    public static String day(Instant t) {
        return DAY.format(t);
    }

    public static String time(Instant t) {
        return TIME.format(t);
    }

    public static String shortText(Instant t) {
        return SHORT.format(t);
    }

    public static String took(Instant from, Instant to) {
        if (from == null || to == null) {
            return "—";
        }
        Duration d = Duration.between(from, to);
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}
