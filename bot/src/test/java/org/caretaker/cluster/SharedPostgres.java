package org.caretaker.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;

/** One embedded PostgreSQL server for a test class, with a fresh database for each test. */
final class SharedPostgres implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final EmbeddedPostgres pg;

    SharedPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    /** A new, empty database on the server. */
    String freshUrl() throws Exception {
        String name = "cluster_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    StoreConfig store(String url, Path dataDir) {
        return new StoreConfig(dataDir, url, "postgres", Secret.of(""), Duration.ofDays(400));
    }

    @Override
    public void close() throws Exception {
        pg.close();
    }
}
