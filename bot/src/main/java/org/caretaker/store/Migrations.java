package org.caretaker.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations. Each version is a script under {@code db/} on the classpath, either common
 * ({@code V1__history.sql}) or for one dialect ({@code V2__quartz.h2.sql}); applied versions are recorded in
 * {@code caretaker_schema}, so every start applies exactly the ones a database is missing. Scripts are never
 * edited once released: a change is a new version.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** The versions in order: number and name. A dialect-specific file wins over a common one. */
    static final List<String> VERSIONS = List.of("V1__history", "V2__quartz", "V3__alerts", "V4__outbox_audit", "V5__maintenance",
            "V6__cluster", "V8__outbox_parts");

    /** The PostgreSQL advisory lock key held while migrating ("CARE" in ASCII). */
    private static final long LOCK = 0x43415245L;

    private final Database db;

    Migrations(Database db) {
        this.db = db;
    }

    void migrate() throws StoreException {
        try (Connection c = db.connection()) {
            // Instances sharing a PostgreSQL database may start together: one migrates, the other waits and
            // then finds nothing left to do.
            boolean locked = db.dialect() == Database.Dialect.POSTGRESQL;
            if (locked) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
                }
            }
            try {
                migrate(c);
            } finally {
                if (locked) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    private void migrate(Connection c) throws SQLException, StoreException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS caretaker_schema (version INTEGER PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM caretaker_schema")) {
            rs.next();
            current = rs.getInt(1);
        }
        for (int i = current; i < VERSIONS.size(); i++) {
            String name = VERSIONS.get(i);
            int version = i + 1;
            List<String> statements = statements(script(name));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO caretaker_schema (version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, name.substring(name.indexOf("__") + 2));
                    p.setTimestamp(3, Timestamp.from(Instant.now()));
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException("schema migration " + name + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
            LOG.info("schema migrated version={} name={} dialect={}", version, name, db.dialect());
        }
    }

    private String script(String name) throws StoreException {
        String specific = "/db/" + name + "." + db.dialect().suffix() + ".sql";
        String common = "/db/" + name + ".sql";
        for (String path : List.of(specific, common)) {
            try (InputStream in = Migrations.class.getResourceAsStream(path)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new StoreException("cannot read migration " + path, e);
            }
        }
        throw new StoreException("migration " + name + " has no script for " + db.dialect());
    }

    /** Splits a script on semicolons at line ends, dropping {@code --} comments and transaction control. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--") || t.startsWith("#")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = current.toString().strip();
                sql = sql.substring(0, sql.length() - 1).strip();
                current.setLength(0);
                if (!sql.equalsIgnoreCase("COMMIT") && !sql.isEmpty()) {
                    out.add(sql);
                }
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
