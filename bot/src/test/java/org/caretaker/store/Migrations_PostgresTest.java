package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL database as the release before Flyway left it, taken over in place, by instances that start
 * together. The old runner is reproduced here as it was: its own {@code caretaker_schema} record, versions 1 to
 * 6 applied statement by statement.
 */
class Migrations_PostgresTest {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    private static String freshDatabase(String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /** What the hand-written runner of the release before Flyway did to an empty database. */
    private static void migrateAsTheOldRunnerDid(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS caretaker_schema (version INTEGER PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            String[][] versions = {{"common", "V1__history"}, {"postgresql", "V2__quartz"}, {"common", "V3__alerts"},
                    {"common", "V4__outbox_audit"}, {"common", "V5__maintenance"}, {"common", "V6__cluster"}};
            for (int i = 0; i < versions.length; i++) {
                String path = "/db/migration/" + versions[i][0] + "/" + versions[i][1] + ".sql";
                try (InputStream in = Migrations_PostgresTest.class.getResourceAsStream(path)) {
                    for (String sql : statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        s.execute(sql);
                    }
                }
                s.execute("INSERT INTO caretaker_schema VALUES (" + (i + 1) + ", '" + versions[i][1].substring(4) + "', CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO runs (job, trigger_kind, triggered_by, started_at, finished_at, worst, status, summary) "
                    + "VALUES ('daily-sanity', 'schedule', 'daily-sanity', TIMESTAMP WITH TIME ZONE '2026-11-20 06:30:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-11-20 06:30:05+00', 'WARN', 'finished', '1 WARN')");
        }
    }

    /** The old runner's splitter: semicolons at line ends, {@code --} comments and COMMIT dropped. */
    private static List<String> statements(String script) {
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
        return out;
    }

    private static List<String> column(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void databaseOfTheReleaseBeforeFlyway_openedByFourInstancesAtOnce_isBaselinedOnce_andKeepsItsRuns() throws Exception {
        String url = freshDatabase("legacy_cluster");
        migrateAsTheOldRunnerDid(url);
        StoreConfig store = new StoreConfig(Path.of("."), url, "postgres", Secret.of(""), Duration.ofDays(400));

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
                dbs.add(f.get(2, TimeUnit.MINUTES));
            }
            Database db = dbs.get(0);
            assertThat(column(db, "SELECT type || ' ' || version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                    .first().isEqualTo("BASELINE 6");
            assertThat(column(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'BASELINE'")).containsExactly("1");
            List<String> versions = MigrationScripts.versions(Database.Dialect.POSTGRESQL);
            assertThat(column(db, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success"))
                    .containsExactly(versions.get(versions.size() - 1));

            HistoryStore history = new JdbcHistoryStore(db);
            assertThat(history.runs(Optional.empty(), 10)).singleElement().satisfies(r -> {
                assertThat(r.job()).isEqualTo("daily-sanity");
                assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            });
        } finally {
            dbs.forEach(Database::close);
            pool.shutdownNow();
        }
    }
}
