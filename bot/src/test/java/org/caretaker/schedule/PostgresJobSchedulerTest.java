package org.caretaker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.Trigger;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduler on a real PostgreSQL server (embedded binaries from Maven Central), with its own delegate. */
class PostgresJobSchedulerTest extends JobSchedulerContract {
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

    @Override
    StoreConfig freshStore() throws Exception {
        String name = "scheduler_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new StoreConfig(Path.of("."), pg.getJdbcUrl("postgres", name), "postgres", Secret.of(""), Duration.ofDays(400));
    }

    @Test
    void clustered_runsAJobStartedByHand() throws Exception {
        try (Database db = Database.open(freshStore())) {
            RecordingRunner runner = RecordingRunner.quick();
            JobScheduler scheduler = new JobScheduler(db, List.of(schedule("daily", farAwayDaily(), ZoneId.of("UTC"), MisfirePolicy.RUN_ONCE)),
                    runner, new JdbcHistoryStore(db), Clock.systemUTC(), new JobScheduler.Settings("caretaker", 2, Duration.ofSeconds(60), true));
            scheduler.start();
            try {
                assertThat(scheduler.start("daily", Trigger.chat("telegram:42"))).isEqualTo("daily started");

                assertThat(runner.awaitCalls(1)).containsExactly(new RecordingRunner.Call("daily", Trigger.chat("telegram:42"), false));
            } finally {
                scheduler.shutdown(true);
            }
        }
    }
}
