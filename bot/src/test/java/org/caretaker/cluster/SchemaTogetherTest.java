package org.caretaker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Instances that start together on an empty PostgreSQL database: one migrates, the others wait for it. */
class SchemaTogetherTest {
    @RegisterExtension
    static final SharedPostgres pg = new SharedPostgres();

    @TempDir
    Path dir;

    @Test
    void fourInstancesOpeningAnEmptyDatabaseAtOnce_allStart_andEachMigrationIsAppliedOnce() throws Exception {
        StoreConfig store = pg.store(pg.freshUrl(), dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Database>> opened = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opened.add(pool.submit(() -> {
                go.await();
                return Database.open(store);
            }));
        }
        go.countDown();
        List<Database> dbs = new ArrayList<>();
        try {
            for (Future<Database> f : opened) {
                dbs.add(f.get());
            }
            try (Connection c = dbs.get(0).connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
                List<Integer> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(Integer.parseInt(rs.getString(1)));
                }
                assertThat(versions).doesNotHaveDuplicates().startsWith(1, 2, 3, 4, 5, 6);
            }
        } finally {
            dbs.forEach(Database::close);
            pool.shutdownNow();
        }
    }
}
