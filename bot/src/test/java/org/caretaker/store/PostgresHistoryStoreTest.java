package org.caretaker.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The history contract on a real PostgreSQL server (embedded binaries from Maven Central). */
class PostgresHistoryStoreTest extends HistoryStoreContract {
    private static EmbeddedPostgres pg;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    private String name;

    @Override
    Database open() throws Exception {
        name = "caretaker_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return openAgain();
    }

    @Override
    Database openAgain() throws Exception {
        return Database.open(new StoreConfig(java.nio.file.Path.of("."), pg.getJdbcUrl("postgres", name), "postgres",
                Secret.of(""), Duration.ofDays(400)));
    }
}
