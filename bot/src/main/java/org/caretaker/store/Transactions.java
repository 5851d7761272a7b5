package org.caretaker.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one way Caretaker writes several rows that belong together: all of them or none. Use it wherever a
 * write takes more than one statement; a single statement is atomic on its own.
 */
public final class Transactions {
    private Transactions() {
    }

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Work that returns nothing. */
    @FunctionalInterface
    public interface VoidWork {
        void apply(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of its own and commits; rolls back when it throws anything, and
     * rethrows that. A rollback that fails too is added to the original exception as suppressed, so the cause
     * that mattered is the one reported.
     */
    public static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return inTransaction(c, work);
        }
    }

    /**
     * {@link #inTransaction(DataSource, Work)} for work that returns nothing (a name of its own: a lambda that
     * only throws would fit both).
     */
    public static void runInTransaction(DataSource ds, VoidWork work) throws SQLException {
        inTransaction(ds, c -> {
            work.apply(c);
            return null;
        });
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.apply(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // The connection is broken; the pool drops it, and the transaction's own outcome stands.
            }
        }
    }
}
