package org.caretaker.config;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a problem is worth telling people about, and where: the {@code alerts:} section of
 * {@code caretaker.yaml}. Thresholds keep a flapping check quiet (a Wi-Fi bridge that drops one probe a day
 * should not page anyone); reminders keep a critical problem from being forgotten; acks and maintenance
 * windows let people say "I know".
 *
 * @param failureThreshold consecutive non-OK results before a failure is announced
 * @param successThreshold consecutive OK results before an announced failure is resolved
 * @param checks           per-check thresholds, by check id
 * @param reminder         how often an unresolved CRIT or UNREACHABLE is repeated; zero for never
 * @param ackTtl           how long {@code /ack} lasts when the user gives no duration
 * @param channels         {@code platform:channel} where alerts of on-demand runs and reminders go; empty (only when
 *                         written so, {@code channels: []}) for a bot that reports on its site and {@code /metrics} only
 * @param maintenance      windows during which matching hosts and checks stay quiet
 */
public record AlertPolicy(int failureThreshold, int successThreshold, Map<String, CheckThresholds> checks, Duration reminder,
                          Duration ackTtl, List<String> channels, List<MaintenanceWindow> maintenance) {

    public static final Duration DEFAULT_REMINDER = Duration.ofHours(24);
    public static final Duration DEFAULT_ACK_TTL = Duration.ofDays(7);
    public static final List<String> DEFAULT_CHANNELS = List.of("console:local");
    public static final AlertPolicy DEFAULTS = new AlertPolicy(1, 1, Map.of(), DEFAULT_REMINDER, DEFAULT_ACK_TTL, DEFAULT_CHANNELS, List.of());

    private static final int MAX_THRESHOLD = 1000;

    public AlertPolicy {
        checks = Map.copyOf(checks);
        channels = List.copyOf(channels);
        maintenance = List.copyOf(maintenance);
        Rules r = new Rules()
                .require(failureThreshold >= 1, "failure-threshold", "must be at least 1, found " + failureThreshold)
                .require(successThreshold >= 1, "success-threshold", "must be at least 1, found " + successThreshold)
                .require(!reminder.isNegative(), "reminder", "must not be negative")
                .require(ackTtl.compareTo(Duration.ZERO) > 0, "ack-ttl", "must be more than 0");
        for (String c : channels) {
            r.require(c.matches("[a-z]+:\\S+"), "channels", "channel '" + c + "' must be platform:channel such as console:local or telegram:-1001234");
        }
        r.check();
    }

    /**
     * Thresholds of one check.
     *
     * @param failureThreshold consecutive non-OK results before a failure is announced
     * @param successThreshold consecutive OK results before it is resolved
     */
    public record CheckThresholds(int failureThreshold, int successThreshold) {
        public CheckThresholds {
            new Rules()
                    .require(failureThreshold >= 1, "failure-threshold", "must be at least 1, found " + failureThreshold)
                    .require(successThreshold >= 1, "success-threshold", "must be at least 1, found " + successThreshold)
                    .check();
        }
    }

    public int failureThreshold(String check) {
        CheckThresholds t = checks.get(check);
        return t == null ? failureThreshold : t.failureThreshold();
    }

    public int successThreshold(String check) {
        CheckThresholds t = checks.get(check);
        return t == null ? successThreshold : t.successThreshold();
    }

    /** True when a maintenance window covers this host and check at this instant. */
    public boolean inMaintenance(String host, Set<String> hostTags, String check, Instant at) {
        return maintenance.stream().anyMatch(w -> w.mutes(host, hostTags, check, at));
    }

    /** A copy with other maintenance windows; tests and the composition root use it. */
    public AlertPolicy withMaintenance(List<MaintenanceWindow> windows) {
        return new AlertPolicy(failureThreshold, successThreshold, checks, reminder, ackTtl, channels, windows);
    }

    /** Reads the {@code alerts:} section without checking check ids; see {@link #read(YamlNode, Set)}. */
    public static AlertPolicy read(YamlNode node) {
        return read(node, Optional.empty());
    }

    /**
     * Reads the {@code alerts:} section. Every key is optional and a missing section gives {@link #DEFAULTS};
     * problems are reported on the node with their YAML path and the defaults stand in for the broken values,
     * so the loader can list every mistake before refusing to start.
     *
     * @param knownChecks check ids of the catalogue, to reject a misspelt id under {@code checks:}
     */
    public static AlertPolicy read(YamlNode node, Set<String> knownChecks) {
        return read(node, Optional.of(knownChecks));
    }

    private static AlertPolicy read(YamlNode node, Optional<Set<String>> knownChecks) {
        if (node.isMissing() || !node.requireObject()) {
            return DEFAULTS;
        }
        int failure = node.integer("failure-threshold", 1, 1, MAX_THRESHOLD);
        int success = node.integer("success-threshold", 1, 1, MAX_THRESHOLD);
        Map<String, CheckThresholds> checks = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : node.get("checks").entries()) {
            YamlNode c = e.getValue();
            if (knownChecks.isPresent() && !knownChecks.get().contains(e.getKey())) {
                c.problem("unknown check '" + e.getKey() + "'; known: " + String.join(", ", new TreeSet<>(knownChecks.get())));
                continue;
            }
            if (!c.requireObject()) {
                if (c.isMissing()) {
                    c.problem("is empty; give failure-threshold or success-threshold");
                }
                continue;
            }
            int f = c.integer("failure-threshold", failure, 1, MAX_THRESHOLD);
            int s = c.integer("success-threshold", success, 1, MAX_THRESHOLD);
            c.rejectUnknownKeys();
            CheckThresholds t = c.build(() -> new CheckThresholds(f, s));
            if (t != null) {
                checks.put(e.getKey(), t);
            }
        }
        Duration reminder = node.duration("reminder", DEFAULT_REMINDER);
        Duration ackTtl = node.duration("ack-ttl", DEFAULT_ACK_TTL);
        List<String> channels = node.has("channels") ? node.strings("channels") : DEFAULT_CHANNELS;
        List<MaintenanceWindow> windows = node.map(node.list("maintenance"), MaintenanceWindow::read);
        node.rejectUnknownKeys();
        AlertPolicy p = node.build(() -> new AlertPolicy(failure, success, checks, reminder, ackTtl, channels, windows));
        return p == null ? DEFAULTS : p;
    }
}
