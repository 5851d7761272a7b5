package org.caretaker.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.store.Database;
import org.caretaker.store.StoreException;
import org.caretaker.store.Transactions;

/** {@link SyncBlocks} in the {@code snapraid_sync_block} table (migration V5); plain JDBC for H2 and PostgreSQL. */
public final class JdbcSyncBlocks implements SyncBlocks {
    private static final String COLUMNS = "host, fingerprint, code, summary, blocked_at, approved_by, approved_until";

    private final Database db;

    public JdbcSyncBlocks(Database db) {
        this.db = db;
    }

    @Override
    public Optional<SyncBlock> find(String host) throws StoreException {
        List<SyncBlock> found = query("SELECT " + COLUMNS + " FROM snapraid_sync_block WHERE host = ?", host);
        return found.stream().findFirst();
    }

    @Override
    public void put(SyncBlock b) throws StoreException {
        try {
            Transactions.runInTransaction(db.dataSource(), c -> {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM snapraid_sync_block WHERE host = ?");
                     PreparedStatement i = c.prepareStatement("INSERT INTO snapraid_sync_block (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    d.setString(1, b.host());
                    d.executeUpdate();
                    i.setString(1, b.host());
                    i.setString(2, b.fingerprint());
                    i.setString(3, b.code());
                    i.setString(4, b.summary().length() > 4000 ? b.summary().substring(0, 4000) : b.summary());
                    i.setTimestamp(5, Timestamp.from(b.blockedAt()));
                    i.setString(6, b.approvedBy().orElse(null));
                    i.setTimestamp(7, b.approvedUntil().map(Timestamp::from).orElse(null));
                    i.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store the sync block of " + b.host() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void clear(String host) throws StoreException {
        update("DELETE FROM snapraid_sync_block WHERE host = ?", host);
    }

    @Override
    public Optional<SyncBlock> approve(String code, String user, Instant until) throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE snapraid_sync_block SET approved_by = ?, approved_until = ? WHERE code = ?")) {
            p.setString(1, user);
            p.setTimestamp(2, Timestamp.from(until));
            p.setString(3, code);
            if (p.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot approve sync block " + code + ": " + e.getMessage(), e);
        }
        return query("SELECT " + COLUMNS + " FROM snapraid_sync_block WHERE code = ?", code).stream().findFirst();
    }

    @Override
    public List<SyncBlock> all() throws StoreException {
        return query("SELECT " + COLUMNS + " FROM snapraid_sync_block ORDER BY host", null);
    }

    private List<SyncBlock> query(String sql, String arg) throws StoreException {
        List<SyncBlock> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Timestamp until = rs.getTimestamp(7);
                    out.add(new SyncBlock(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), Optional.ofNullable(rs.getString(6)),
                            Optional.ofNullable(until).map(Timestamp::toInstant)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read sync blocks: " + e.getMessage(), e);
        }
        return out;
    }

    private void update(String sql, String arg) throws StoreException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update sync blocks: " + e.getMessage(), e);
        }
    }
}
