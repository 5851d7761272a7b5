package org.caretaker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Two or more bot instances sharing one PostgreSQL database: Quartz shares the schedules between them (each
 * fire runs on exactly one), and a lease row in the database elects the one leader that talks to the chat
 * platforms. Off by default; with it off the bot is alone and always its own leader.
 *
 * @param enabled  whether this instance shares its database with others
 * @param instance this instance's id, unique among the instances: it names the runs it starts and its
 *                 Quartz node, so two instances with one id would mistake each other's runs for their own
 * @param lease    how long leadership lasts without renewal; the leader renews every third of it, and a
 *                 follower takes over within about one lease after the leader died
 */
public record ClusterConfig(boolean enabled, String instance, Duration lease) {
    /** The least lease: renewal every lease/3 must not hammer the database or lose to a short pause. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final ClusterConfig OFF = new ClusterConfig(false, "caretaker", DEFAULT_LEASE);

    public ClusterConfig {
        new Rules()
                .require(instance != null && instance.matches("[A-Za-z0-9._-]{1,100}"), "instance",
                        "must be 1 to 100 letters, digits, '.', '_' or '-', found '" + instance + "'")
                .require(lease != null && lease.compareTo(MIN_LEASE) >= 0, "lease", "must be at least 5s, found " + lease)
                .check();
    }

    /** How often the leader renews its lease, and how often a follower asks for it. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    /**
     * The default instance id: the machine's host name, cut to what an id allows, or {@code caretaker} when
     * the name cannot be read. Two instances on one host must name themselves.
     */
    public static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "");
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
        return cleaned.isEmpty() ? "caretaker" : cleaned;
    }
}
