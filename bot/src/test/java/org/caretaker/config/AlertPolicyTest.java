package org.caretaker.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code alerts:} section: defaults, every key, and the exact problem sentences. */
class AlertPolicyTest {
    static final Set<String> CHECKS = Set.of("disk-usage", "smart", "http-endpoints", "zfs-pools");

    private final Problems problems = new Problems("caretaker.yaml");

    private AlertPolicy read(String yaml) throws Exception {
        YamlNode root = new YamlNode(new ObjectMapper(new YAMLFactory()).readTree(yaml), "", problems, new YamlNode.Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> file(String path) {
                return Optional.empty();
            }
        });
        return AlertPolicy.read(root.get("alerts"), CHECKS);
    }

    @Test
    void missingSection_givesTheDefaults() throws Exception {
        AlertPolicy p = read("hosts: []\n");

        assertThat(p).isEqualTo(AlertPolicy.DEFAULTS);
        assertThat(p.failureThreshold("smart")).isEqualTo(1);
        assertThat(p.reminder()).isEqualTo(Duration.ofHours(24));
        assertThat(p.ackTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(p.channels()).containsExactly("console:local");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void everyKey_isRead() throws Exception {
        AlertPolicy p = read("""
                alerts:
                  failure-threshold: 2
                  success-threshold: 3
                  checks:
                    http-endpoints: { failure-threshold: 3 }
                  reminder: 12h
                  ack-ttl: 3d
                  channels: [telegram:-1001234, console:local]
                  maintenance:
                    - { hosts: [nas], checks: [smart], from: "2026-12-05T02:00:00+01:00", to: "2026-12-05T04:00:00+01:00" }
                    - { tags: [snapraid], days: [sat, sunday], start: 02:00, duration: 2h, zone: Europe/Berlin }
                """);

        assertThat(problems.list()).isEmpty();
        assertThat(p.failureThreshold("http-endpoints")).isEqualTo(3);
        assertThat(p.successThreshold("http-endpoints")).isEqualTo(3);
        assertThat(p.failureThreshold("smart")).isEqualTo(2);
        assertThat(p.reminder()).isEqualTo(Duration.ofHours(12));
        assertThat(p.ackTtl()).isEqualTo(Duration.ofDays(3));
        assertThat(p.channels()).containsExactly("telegram:-1001234", "console:local");
        assertThat(p.maintenance()).containsExactly(
                new MaintenanceWindow(Set.of("nas"), Set.of(), Set.of("smart"),
                        new MaintenanceWindow.Between(Instant.parse("2026-12-05T01:00:00Z"), Instant.parse("2026-12-05T03:00:00Z"))),
                new MaintenanceWindow(Set.of(), Set.of("snapraid"), Set.of(),
                        new MaintenanceWindow.Weekly(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(2, 0), Duration.ofHours(2),
                                ZoneId.of("Europe/Berlin"))));
    }

    @Test
    void mistakes_areReportedWithTheirPaths() throws Exception {
        AlertPolicy p = read("""
                alerts:
                  failure-threshold: 0
                  checks:
                    http-endpionts: { failure-threshold: 3 }
                    smart: { failure-treshold: 2 }
                  reminder: soon
                  channels: [telegram]
                  maintenance:
                    - { hosts: [nas], from: "2026-12-05T04:00:00+01:00", to: "2026-12-05T02:00:00+01:00" }
                    - { days: [caturday], start: "25:00", duration: 2h, zone: Mars/Olympus }
                    - { hosts: [nas] }
                    - { from: "2026-12-05", to: "2026-12-06T00:00:00Z", days: [sat] }
                  silence: true
                """);

        assertThat(problems.list()).containsExactly(
                "caretaker.yaml: alerts.failure-threshold: must be between 1 and 1000, found 0",
                "caretaker.yaml: alerts.checks.http-endpionts: unknown check 'http-endpionts'; known: disk-usage, http-endpoints, smart, zfs-pools",
                "caretaker.yaml: alerts.checks.smart.failure-treshold: unknown key; known: failure-threshold, success-threshold",
                "caretaker.yaml: alerts.reminder: must be a duration such as 30s, 5m, 2h or 7d, found 'soon'",
                "caretaker.yaml: alerts.maintenance[0].to: must be after from",
                "caretaker.yaml: alerts.maintenance[1].days[0]: unknown value 'caturday'; known: fri, friday, mon, monday, sat, saturday, sun, sunday, thu, thursday, tue, tuesday, wed, wednesday",
                "caretaker.yaml: alerts.maintenance[1].start: must be a time of day such as 02:00, found '25:00'",
                "caretaker.yaml: alerts.maintenance[1].zone: must be a time zone such as Europe/Berlin or UTC, found 'Mars/Olympus'",
                "caretaker.yaml: alerts.maintenance[2]: needs from and to (\"2026-12-05T02:00:00+01:00\"), or days, start and duration for a weekly window",
                "caretaker.yaml: alerts.maintenance[3]: is either a one-off window (from, to) or a weekly one (days, start, duration, zone), not both",
                "caretaker.yaml: alerts.silence: unknown key; known: failure-threshold, success-threshold, checks, reminder, ack-ttl, channels, maintenance",
                "caretaker.yaml: alerts.channels: channel 'telegram' must be platform:channel such as console:local or telegram:-1001234");
        assertThat(p).isEqualTo(AlertPolicy.DEFAULTS);
    }

    @Test
    void weeklyWindow_followsLocalTime_andRunsPastMidnight() {
        MaintenanceWindow.Weekly w = new MaintenanceWindow.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.of(23, 0), Duration.ofHours(3),
                ZoneId.of("Europe/Berlin"));

        assertThat(w.contains(Instant.parse("2026-12-06T21:59:00Z"))).isFalse();
        assertThat(w.contains(Instant.parse("2026-12-06T22:00:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-12-07T00:30:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-12-07T01:00:00Z"))).isFalse();
        // Summer time: 23:00 in Berlin is 21:00 UTC.
        assertThat(w.contains(Instant.parse("2026-07-05T21:30:00Z"))).isTrue();
        assertThat(w.contains(Instant.parse("2026-07-05T20:30:00Z"))).isFalse();
    }

    @Test
    void windowWithoutHostsOrTags_coversTheWholeLab_andChecksNarrowIt() {
        MaintenanceWindow w = new MaintenanceWindow(Set.of(), Set.of(), Set.of("smart"),
                new MaintenanceWindow.Between(Instant.parse("2026-12-05T01:00:00Z"), Instant.parse("2026-12-05T03:00:00Z")));
        Instant during = Instant.parse("2026-12-05T02:00:00Z");

        assertThat(w.mutes("any", Set.of(), "smart", during)).isTrue();
        assertThat(w.mutes("any", Set.of(), "disk-usage", during)).isFalse();
        assertThat(w.mutes("any", Set.of(), "smart", Instant.parse("2026-12-05T03:00:00Z"))).isFalse();
    }

    @Test
    void policyRecord_validatesItself() {
        var e = org.assertj.core.api.Assertions.catchThrowable(() -> new AlertPolicy(0, 1, java.util.Map.of(), Duration.ofHours(-1),
                Duration.ZERO, List.of(), List.of()));

        assertThat(e).hasMessage("failure-threshold: must be at least 1, found 0; reminder: must not be negative; "
                + "ack-ttl: must be more than 0");
    }
}
