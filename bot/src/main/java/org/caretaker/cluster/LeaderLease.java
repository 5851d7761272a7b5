package org.caretaker.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.caretaker.store.Database;
import org.caretaker.store.StoreException;

/**
 * One row of {@code leader_lease}: who leads, and until when. Taking and renewing are one conditional
 * statement that compares and sets the expiry with the database's own clock, so hosts whose clocks disagree
 * still agree on who holds the lease, and two contenders can never both win: the row changes only when it is
 * free, expired, or already ours.
 *
 * <p>PostgreSQL only: the instances that need a leader share a PostgreSQL database; an H2 file belongs to one
 * process, whose bot is always its own leader.
 */
public final class LeaderLease {
    private static final String CLAIM = "INSERT INTO leader_lease (name, holder, expires_at) "
            + "VALUES (?, ?, CURRENT_TIMESTAMP + CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond') "
            + "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
            + "WHERE leader_lease.holder = EXCLUDED.holder OR leader_lease.expires_at < CURRENT_TIMESTAMP";

    private final Database db;
    private final String name;
    private final String holder;
    private final Duration term;

    /**
     * @param name   what is led ({@code chat}); instances contending for it use the same name
     * @param holder this instance's id
     * @param term   how long a claim holds without renewal
     */
    public LeaderLease(Database db, String name, String holder, Duration term) {
        if (db.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("a leader lease needs a PostgreSQL database, found " + db.dialect());
        }
        if (term.toMillis() < 1000) {
            throw new IllegalArgumentException("a lease must last at least 1s, found " + term);
        }
        this.db = db;
        this.name = name;
        this.holder = holder;
        this.term = term;
    }

    public String holderId() {
        return holder;
    }

    /**
     * Takes the lease when it is free or expired, or renews it when it is ours: one statement.
     *
     * @return true when this instance holds the lease for another term from now (database time)
     * @throws StoreException when the database cannot be asked; the caller must then act as if it lost
     */
    public boolean claim() throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(CLAIM)) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, name);
            p.setString(2, holder);
            p.setLong(3, term.toMillis());
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot claim the lease " + name + ": " + e.getMessage(), e);
        }
    }

    /** Gives the lease up at once, if it is ours, so a peer need not wait for it to expire. */
    public void release() throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM leader_lease WHERE name = ? AND holder = ?")) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, name);
            p.setString(2, holder);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot release the lease " + name + ": " + e.getMessage(), e);
        }
    }

    /** Who holds the lease now, by the database's clock; empty when nobody does. */
    public Optional<String> holder() throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT holder FROM leader_lease WHERE name = ? AND expires_at >= CURRENT_TIMESTAMP")) {
            p.setQueryTimeout(timeoutSeconds());
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the lease " + name + ": " + e.getMessage(), e);
        }
    }

    /** A statement that takes longer than a third of the term is as good as a refusal. */
    private int timeoutSeconds() {
        return (int) Math.max(1, term.dividedBy(3).toSeconds());
    }
}
