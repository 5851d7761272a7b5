package org.caretaker.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.OptionalInt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway at every start. Scripts live on the classpath under
 * {@code db/migration/common} (portable SQL) and {@code db/migration/h2} or {@code db/migration/postgresql}
 * (one dialect; a version there needs a script in both). Flyway records each applied script with its checksum
 * in {@code flyway_schema_history} and refuses to start when a released script was edited since: a change is
 * always a new version.
 *
 * <p>Releases before Flyway kept their own record, {@code caretaker_schema}, with the same version numbers. A
 * database that has it and no Flyway history is baselined at its newest version, so Flyway applies only what
 * came after; {@code caretaker_schema} stays as it was, unused, so nothing of the old record is lost.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Flyway's own record of applied scripts. */
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** The record of releases before Flyway. */
    static final String LEGACY_TABLE = "caretaker_schema";

    /**
     * The PostgreSQL advisory lock key held while migrating ("CARE" in ASCII). Flyway takes an advisory lock
     * of its own on PostgreSQL while it applies scripts; this one also covers deciding whether to baseline, so
     * instances that start together on a database of an older release decide once.
     */
    private static final long LOCK = 0x43415245L;

    private final Database db;

    Migrations(Database db) {
        this.db = db;
    }

    /** Where Flyway looks for this database's scripts. */
    static String[] locations(Database.Dialect dialect) {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + dialect.suffix()};
    }

    void migrate() throws StoreException {
        try (Connection c = db.connection()) {
            // Instances sharing a PostgreSQL database may start together: one migrates, the others wait and
            // then find nothing left to do.
            boolean locked = db.dialect() == Database.Dialect.POSTGRESQL;
            if (locked) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + LOCK + ")");
                }
            }
            try {
                migrate(legacyVersion(c));
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

    private void migrate(OptionalInt legacy) throws StoreException {
        var config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(db.dataSource())
                .locations(locations(db.dialect()))
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
        if (legacy.isPresent()) {
            config = config.baselineOnMigrate(true)
                    .baselineVersion(MigrationVersion.fromVersion(Integer.toString(legacy.getAsInt())))
                    .baselineDescription(LEGACY_TABLE + " version " + legacy.getAsInt());
            LOG.info("schema recorded by an earlier release; Flyway takes over at its version version={} dialect={}",
                    legacy.getAsInt(), db.dialect());
        }
        try {
            MigrateResult result = config.load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("schema migrated from={} to={} scripts={} dialect={}", result.initialSchemaVersion == null ? "empty" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted, db.dialect());
            }
        } catch (FlywayValidateException e) {
            throw new StoreException("the database schema does not match the migration scripts: " + e.getMessage().strip()
                    + "\nA released migration script must never change: restore it and put the change in a new version"
                    + " (CONTRIBUTING.md, \"Add a migration\").", e);
        } catch (FlywayException e) {
            throw new StoreException("schema migration failed: " + e.getMessage().strip(), e);
        }
    }

    /**
     * The version a release before Flyway recorded, when the database has that record and no Flyway history
     * yet; empty for a new database or one Flyway already keeps.
     */
    static OptionalInt legacyVersion(Connection c) throws SQLException {
        if (tableExists(c, HISTORY_TABLE) || !tableExists(c, LEGACY_TABLE)) {
            return OptionalInt.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
            rs.next();
            return OptionalInt.of(rs.getInt(1));
        }
    }

    /** Whether the connection's current schema has this table; H2 keeps unquoted names in upper case. */
    private static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), n, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
