package org.caretaker.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caretaker.concurrent.Threads;
import org.caretaker.store.Database;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's row in {@code cluster_instance}: its id is taken while it lives. The id names the runs an
 * instance starts, its Quartz node and its lease, so two live processes under one id would take each other's
 * running jobs for interrupted ones and both lead. At start the row is taken only when it is free or its
 * heartbeat is older than a lease (by the database's clock); a live holder makes the start fail, naming its
 * host and last heartbeat. The heartbeat is renewed every third of a lease.
 */
public final class InstanceRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistration.class);
    private static final String TAKE = "INSERT INTO cluster_instance (instance, host, token, started_at, heartbeat_at) "
            + "VALUES (?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) "
            + "ON CONFLICT (instance) DO UPDATE SET host = EXCLUDED.host, token = EXCLUDED.token, "
            + "started_at = EXCLUDED.started_at, heartbeat_at = EXCLUDED.heartbeat_at "
            + "WHERE cluster_instance.heartbeat_at < CURRENT_TIMESTAMP - CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'";

    /** Who holds an id: the host, and the heartbeat's age by the database's clock. */
    record Holder(String host, Instant heartbeat, double secondsAgo) {
    }

    private final Database db;
    private final String instance;
    private final String host;
    private final Duration lease;
    private final String token = UUID.randomUUID().toString();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("instance-heartbeat"));
    private volatile boolean registered;

    /**
     * @param host  where this process runs, as the other instance's refusal will name it
     * @param lease how long a registration holds without a heartbeat
     */
    public InstanceRegistration(Database db, String instance, String host, Duration lease) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("instance registration needs a PostgreSQL database, found " + db.dialect());
        }
        this.db = db;
        this.instance = instance;
        this.host = host.length() > 255 ? host.substring(0, 255) : host;
        this.lease = lease;
    }

    /**
     * Takes the id, or refuses when a live process holds it; then keeps the heartbeat going.
     *
     * @throws IllegalStateException when another process sent a heartbeat less than a lease ago
     * @throws StoreException        when the database cannot be asked
     */
    public void register() throws StoreException {
        Optional<Holder> before = holder();
        boolean taken;
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(TAKE)) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, instance);
            p.setString(2, host);
            p.setString(3, token);
            p.setLong(4, lease.toMillis());
            taken = p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot register instance " + instance + ": " + e.getMessage(), e);
        }
        if (!taken) {
            Holder h = holder().or(() -> before).orElse(new Holder("an unknown host", Instant.EPOCH, -1));
            throw new IllegalStateException(String.format("instance %s is already running on %s (last heartbeat %s, %.1f s ago); "
                    + "give each instance its own cluster.instance, or stop the other one", instance, h.host(), h.heartbeat(), h.secondsAgo()));
        }
        before.ifPresent(h -> LOG.warn("instance registration taken over, no heartbeat for a lease instance={} previousHost=\"{}\" "
                + "lastHeartbeat={} secondsAgo={}", instance, h.host(), h.heartbeat(), String.format("%.1f", h.secondsAgo())));
        registered = true;
        long every = lease.dividedBy(3).toMillis();
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE cluster_instance SET heartbeat_at = CURRENT_TIMESTAMP WHERE instance = ? AND token = ?")) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, instance);
            p.setString(2, token);
            if (p.executeUpdate() == 0) {
                // Only after a whole lease without a heartbeat: this process was as good as dead to the others.
                LOG.error("instance registration lost to another process instance={} holder=\"{}\"", instance,
                        holder().map(Holder::host).orElse("none"));
            }
        } catch (SQLException | StoreException | RuntimeException e) {
            LOG.warn("instance heartbeat failed instance={} reason=\"{}\"", instance, e.getMessage());
        }
    }

    Optional<Holder> holder() throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT host, heartbeat_at, EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - heartbeat_at) FROM cluster_instance WHERE instance = ?")) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, instance);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Holder(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the registration of instance " + instance + ": " + e.getMessage(), e);
        }
    }

    /** This process as a refusal names it: the host name and the process id. */
    public static String thisProcess() {
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException | RuntimeException e) {
            name = "an unnamed host";
        }
        return "host " + name + " pid " + ProcessHandle.current().pid();
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, lease.dividedBy(3).toSeconds());
    }

    /** Stops the heartbeat and frees the id, if this life holds it, so a restart need not wait for a lease. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (!registered) {
            return;
        }
        registered = false;
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM cluster_instance WHERE instance = ? AND token = ?")) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, instance);
            p.setString(2, token);
            p.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("instance registration not removed; it goes stale on its own instance={} reason=\"{}\"", instance, e.getMessage());
        }
    }
}
