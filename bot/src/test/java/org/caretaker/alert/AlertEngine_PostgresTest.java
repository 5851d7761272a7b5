package org.caretaker.alert;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.Severity;
import org.caretaker.config.AlertPolicy;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.RunOutcome;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.alert.Lab.T0;
import static org.caretaker.alert.Lab.disk;

/** Alert state on a real PostgreSQL server: nullable timestamps, acks and a restart, as on H2. */
class AlertEngine_PostgresTest {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE caretaker_alerts");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    private static Database open() throws Exception {
        return Database.open(new StoreConfig(Path.of("."), pg.getJdbcUrl("postgres", "caretaker_alerts"), "postgres", Secret.of(""),
                Duration.ofDays(400)));
    }

    @Test
    void announceAckRemindAndRestart_behaveAsOnH2() throws Exception {
        String srv = Fingerprint.shortId("nas", "disk-usage", "/srv");
        RunOutcome first;
        try (Lab lab = new Lab(open())) {
            AlertEngine e = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
            first = lab.run(disk("nas", "/srv", Severity.CRIT, 96));
            assertThat(e.afterRun(first)).extracting(Notification::kind).containsExactly(Notification.Kind.FAILURE);
            assertThat(e.ack(srv, "console:local", Optional.of(Duration.ofHours(30))))
                    .isEqualTo("acked nas/disk-usage//srv until 2026-12-02 12:30 UTC or until it changes");
            assertThat(e.reminders(T0.plus(Duration.ofHours(24)))).isEmpty();
        }
        try (Lab lab = new Lab(open())) {
            AlertEngine restarted = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
            assertThat(restarted.afterRun(first)).isEmpty();
            List<Notification> due = restarted.reminders(T0.plus(Duration.ofHours(30)));
            assertThat(due).extracting(Notification::kind).containsExactly(Notification.Kind.REMINDER);
            assertThat(restarted.reminders(T0.plus(Duration.ofHours(31)))).isEmpty();
            lab.clock.advance(Duration.ofHours(32));
            assertThat(restarted.afterRun(lab.run(disk("nas", "/srv", Severity.OK, 50)))).extracting(Notification::kind)
                    .containsExactly(Notification.Kind.RESOLVED);
        }
    }
}
