package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All or nothing, on a real H2 file. */
class TransactionsTest {
    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private int rows() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void insert(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (" + n + ")");
        }
    }

    @Test
    void workThatEnds_isCommitted_andItsResultReturned() throws Exception {
        int result = Transactions.inTransaction(db.dataSource(), c -> {
            insert(c, 1);
            insert(c, 2);
            return 2;
        });

        assertThat(result).isEqualTo(2);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aFailingStatement_undoesTheOnesBefore_andItsExceptionComesOut() throws Exception {
        assertThatThrownBy(() -> Transactions.runInTransaction(db.dataSource(), c -> {
            insert(c, 1);
            insert(c, 1);
        })).isInstanceOf(SQLException.class).hasMessageContaining("PRIMARY KEY");

        assertThat(rows()).isZero();
    }

    @Test
    void aRuntimeException_undoesTheWorkToo_andComesOutUnchanged() throws Exception {
        IllegalStateException boom = new IllegalStateException("judged wrong");

        assertThatThrownBy(() -> Transactions.runInTransaction(db.dataSource(), c -> {
            insert(c, 1);
            throw boom;
        })).isSameAs(boom);

        assertThat(rows()).isZero();
    }
}
