package org.caretaker.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A time when some hosts or checks are expected to misbehave (a kernel update, a planned reboot, the weekly
 * backup that saturates the NAS) and must not page anyone. Alert state is still tracked while a window is
 * active, so a problem that outlives the window is announced on the first run after it.
 *
 * @param hosts  host names the window covers
 * @param tags   host tags the window covers; with {@code hosts} empty too, the window covers every host
 * @param checks check ids the window covers; empty for every check
 * @param when   when the window is active
 */
public record MaintenanceWindow(Set<String> hosts, Set<String> tags, Set<String> checks, When when) {

    public MaintenanceWindow {
        hosts = Set.copyOf(hosts);
        tags = Set.copyOf(tags);
        checks = Set.copyOf(checks);
        Objects.requireNonNull(when, "when");
    }

    /** True when the window covers this host and check at this instant. */
    public boolean mutes(String host, Set<String> hostTags, String check, Instant at) {
        boolean hostCovered = hosts.isEmpty() && tags.isEmpty() || hosts.contains(host)
                || hostTags.stream().anyMatch(tags::contains);
        return hostCovered && (checks.isEmpty() || checks.contains(check)) && when.contains(at);
    }

    /** When a window is active: once, between two instants, or every week. */
    public sealed interface When permits Between, Weekly {
        boolean contains(Instant at);
    }

    /** A one-off window: from (inclusive) to (exclusive). */
    public record Between(Instant from, Instant to) implements When {
        public Between {
            new Rules().require(to.isAfter(from), "to", "must be after from").check();
        }

        @Override
        public boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    /**
     * A weekly window: on each of {@code days}, from {@code start} local time in {@code zone}, for
     * {@code duration}. Local time follows daylight saving, as the people planning the work do.
     */
    public record Weekly(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) implements When {
        public Weekly {
            days = Set.copyOf(days);
            new Rules()
                    .require(!days.isEmpty(), "days", "must name at least one day (mon, tue, … sun)")
                    .require(duration.compareTo(Duration.ZERO) > 0 && duration.compareTo(Duration.ofDays(7)) <= 0,
                            "duration", "must be more than 0 and at most 7d, found " + duration)
                    .check();
        }

        @Override
        public boolean contains(Instant at) {
            LocalDate today = at.atZone(zone).toLocalDate();
            // A window that began on an earlier day may still be running: look back as far as it lasts.
            for (long back = 0; back <= duration.toDays() + 1; back++) {
                LocalDate day = today.minusDays(back);
                if (!days.contains(day.getDayOfWeek())) {
                    continue;
                }
                ZonedDateTime begin = ZonedDateTime.of(day, start, zone);
                Instant from = begin.toInstant();
                if (!at.isBefore(from) && at.isBefore(from.plus(duration))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Map<String, DayOfWeek> DAYS = days();

    private static Map<String, DayOfWeek> days() {
        Map<String, DayOfWeek> m = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(java.util.Locale.ROOT);
            m.put(full.substring(0, 3), d);
            m.put(full, d);
        }
        return m;
    }

    /**
     * Reads one item of {@code alerts.maintenance}: {@code from}/{@code to} (ISO date-times with offset) or
     * the weekly form {@code days}, {@code start}, {@code duration}, {@code zone} (default UTC). Returns null
     * after reporting a problem.
     */
    static MaintenanceWindow read(YamlNode n) {
        if (!n.requireObject()) {
            if (n.isMissing()) {
                n.problem("is empty");
            }
            return null;
        }
        Set<String> hosts = Set.copyOf(n.strings("hosts"));
        Set<String> tags = Set.copyOf(n.strings("tags"));
        Set<String> checks = Set.copyOf(n.strings("checks"));
        boolean absolute = n.has("from") || n.has("to");
        boolean weekly = n.has("days") || n.has("start") || n.has("duration") || n.has("zone");
        When when = null;
        if (absolute && weekly) {
            n.problem("is either a one-off window (from, to) or a weekly one (days, start, duration, zone), not both");
            List.of("from", "to", "days", "start", "duration", "zone").forEach(n::get);
        } else if (absolute) {
            Instant from = instant(n, "from");
            Instant to = instant(n, "to");
            if (from != null && to != null) {
                when = n.build(() -> new Between(from, to));
            }
        } else if (weekly) {
            when = weekly(n);
        } else {
            n.problem("needs from and to (\"2026-12-05T02:00:00+01:00\"), or days, start and duration for a weekly window");
        }
        n.rejectUnknownKeys();
        if (when == null) {
            return null;
        }
        When w = when;
        return n.build(() -> new MaintenanceWindow(hosts, tags, checks, w));
    }

    private static Weekly weekly(YamlNode n) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<YamlNode> dayNodes = n.list("days");
        for (YamlNode d : dayNodes) {
            String s = d.asString("").trim().toLowerCase(java.util.Locale.ROOT);
            d.oneOf(s, DAYS).ifPresent(days::add);
        }
        if (dayNodes.isEmpty() && !n.problems().hasProblemAt(n.get("days").path())) {
            n.get("days").problem("is required for a weekly window: a list such as [sat, sun]");
        }
        LocalTime start = null;
        String startText = n.requiredString("start");
        if (!startText.isEmpty()) {
            try {
                start = LocalTime.parse(startText.trim());
            } catch (DateTimeParseException e) {
                n.get("start").problem("must be a time of day such as 02:00, found '" + startText + "'");
            }
        }
        Duration duration = n.duration("duration", null);
        if (!n.has("duration")) {
            n.get("duration").problem("is required for a weekly window: how long it lasts, such as 2h");
        }
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = n.string("zone", "UTC");
        try {
            zone = ZoneId.of(zoneText.trim());
        } catch (DateTimeException e) {
            n.get("zone").problem("must be a time zone such as Europe/Berlin or UTC, found '" + zoneText + "'");
        }
        if (start == null || duration == null || days.isEmpty()) {
            return null;
        }
        LocalTime s = start;
        ZoneId z = zone;
        return n.build(() -> new Weekly(days, s, duration, z));
    }

    private static Instant instant(YamlNode n, String key) {
        String text = n.requiredString(key);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            n.get(key).problem("must be a date and time with offset such as 2026-12-05T02:00:00+01:00, found '" + text + "'");
            return null;
        }
    }
}
