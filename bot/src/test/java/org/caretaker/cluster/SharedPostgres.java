package org.caretaker.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server for a test class, with a fresh database for each test: register it as
 * {@code @RegisterExtension static final SharedPostgres pg = new SharedPostgres();} and it starts before the
 * class's first test and stops after its last.
 */
final class SharedPostgres implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private EmbeddedPostgres pg;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        pg.close();
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
}
