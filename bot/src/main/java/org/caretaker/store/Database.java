package org.caretaker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caretaker.config.StoreConfig;

/**
 * The one database Caretaker keeps everything in: history, alert state, the outbox, the audit log and the
 * scheduler's tables. An H2 file under the data directory by default; PostgreSQL by URL. One HikariCP pool
 * serves all of it, Quartz included.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects Caretaker writes its migrations for. */
    public enum Dialect {
        H2("h2"), POSTGRESQL("postgresql");

        private final String suffix;

        Dialect(String suffix) {
            this.suffix = suffix;
        }

        /** The folder of this dialect's own migration scripts, beside {@code db/migration/common}. */
        public String suffix() {
            return suffix;
        }

        public static Dialect of(String jdbcUrl) {
            if (jdbcUrl.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                return H2;
            }
            throw new IllegalArgumentException("unsupported database URL: " + jdbcUrl.replaceAll("password=[^&;]*", "password=******"));
        }
    }

    private final HikariDataSource pool;
    private final Dialect dialect;
    /**
     * Runs finishing in this process take turns: an H2 file belongs to one process, so this alone orders them;
     * on PostgreSQL the store also takes an advisory lock for the instances of a cluster.
     */
    private final java.util.concurrent.locks.ReentrantLock finishing = new java.util.concurrent.locks.ReentrantLock();

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(StoreConfig store) throws StoreException {
        String url = store.jdbcUrl();
        Dialect dialect = Dialect.of(url);
        if (dialect == Dialect.H2 && store.url().isEmpty()) {
            try {
                DataDirectory.secure(store.dataDir());
            } catch (IOException e) {
                throw new StoreException("cannot create the data directory " + store.dataDir() + ": " + e.getMessage(), e);
            }
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(store.user());
        hc.setPassword(store.password().reveal());
        hc.setMaximumPoolSize(10);
        hc.setPoolName("caretaker");
        // Fail fast at start-up with a clear message rather than retrying for half a minute.
        hc.setInitializationFailTimeout(10_000);
        hc.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database " + redact(url) + ": " + rootMessage(e), e);
        }
        Database db = new Database(ds, dialect);
        try {
            new Migrations(db).migrate();
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        if (dialect == Dialect.H2 && store.url().isEmpty()) {
            DataDirectory.tightenNewFiles(store.dataDir());
        }
        return db;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Held while a run's results are stored: see {@link JdbcHistoryStore}. */
    java.util.concurrent.locks.Lock finishing() {
        return finishing;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1******");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
