package org.caretaker.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz connections from Caretaker's own pool, so the scheduler's tables live in the same database
 * as the history and no second pool is opened. The pool belongs to {@link org.caretaker.store.Database}:
 * {@link #shutdown()} only stops handing out connections, it never closes the pool. That also means a job
 * still running when the scheduler was shut down without waiting cannot mark itself complete — on the next
 * start it counts as interrupted and is recovered, which is the honest outcome.
 */
final class SharedPoolConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;
    private volatile boolean shutDown;

    SharedPoolConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (shutDown) {
            throw new SQLException("the scheduler was shut down");
        }
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }

    @Override
    public void initialize() {
    }
}
