package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway over real H2 files: a new database, one of the release before Flyway, and an edited script. */
class MigrationsTest {
    static final Instant T0 = Instant.parse("2026-11-20T06:30:00Z");

    @TempDir
    Path dir;

    private StoreConfig store() {
        return new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400));
    }

    private static List<String> rows(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static String newestVersion() {
        List<String> v = MigrationScripts.versions(Database.Dialect.H2);
        return v.get(v.size() - 1);
    }

    @Test
    void databaseOfTheReleaseBeforeFlyway_isTakenOverAtItsVersion_andKeepsItsHistory() throws Exception {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/store/legacy-v6.mv.db")) {
            Files.copy(in, dir.resolve("caretaker.mv.db"));
        }

        try (Database db = Database.open(store())) {
            assertThat(rows(db, "SELECT \"version\", \"type\", \"success\" FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
                    .as("baselined at 6, later versions applied on top").first().isEqualTo("6 BASELINE TRUE");
            assertThat(rows(db, "SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"success\""))
                    .containsExactly(newestVersion());
            assertThat(rows(db, "SELECT COUNT(*), MAX(version) FROM " + Migrations.LEGACY_TABLE))
                    .as("the old record is left as it was").containsExactly("6 6");

            HistoryStore history = new JdbcHistoryStore(db);
            assertThat(history.runs(Optional.empty(), 10)).extracting(r -> r.id() + " " + r.job() + " " + r.status())
                    .containsExactly("2 weekly-snapraid INTERRUPTED", "1 daily-sanity FINISHED");
            assertThat(history.findingsOf(1)).extracting(f -> f.subject() + " " + f.severity() + " " + f.metrics())
                    .containsExactly("/ OK {used_percent=22.0}", "/srv WARN {used_percent=88.0}");
            assertThat(history.latest()).extracting(s -> s.finding().subject() + " " + s.finding().severity() + " " + s.since())
                    .containsExactly("/ OK " + T0.plusSeconds(5), "/srv WARN " + T0.plusSeconds(5));
            assertThat(history.lastFinished("daily-sanity")).map(RunRecord::id).contains(1L);

            long next = history.startRun("daily-sanity", "schedule", "daily-sanity", T0.plusSeconds(86400));
            List<Transition> t = history.finishRun(next, T0.plusSeconds(86405), List.of(
                    new Finding("disk-usage", "nas", "/", Severity.OK, "/ is 23% full", Map.of("used_percent", 23.0), ""),
                    new Finding("disk-usage", "nas", "/srv", Severity.OK, "/srv is 60% full", Map.of("used_percent", 60.0), "")),
                    RunStatus.FINISHED, "2 OK");
            assertThat(t).as("the stored state carried over").extracting(x -> x.subject() + " " + x.from() + "->" + x.to())
                    .containsExactly("/srv WARN->OK");
            assertThat(next).isEqualTo(3);
        }

        try (Database again = Database.open(store())) {
            assertThat(rows(again, "SELECT COUNT(*) FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"type\" = 'BASELINE'"))
                    .as("a second start finds Flyway's history and baselines nothing").containsExactly("1");
        }
    }

    @Test
    void newDatabase_getsEveryScript_recordedWithItsChecksum() throws Exception {
        try (Database db = Database.open(store())) {
            assertThat(rows(db, "SELECT \"version\" FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"success\" AND \"checksum\" IS NOT NULL ORDER BY \"installed_rank\""))
                    .isEqualTo(MigrationScripts.versions(Database.Dialect.H2));
            assertThat(rows(db, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = '" + Migrations.LEGACY_TABLE + "'"))
                    .as("a new database has no record of the old runner").containsExactly("0");
        }
    }

    @Test
    void scriptEditedAfterItWasApplied_isRefusedAtStart_withWhatToDo() throws Exception {
        try (Database db = Database.open(store())) {
            // What an edited V3__alerts.sql looks like from the database: its recorded checksum no longer matches.
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE \"" + Migrations.HISTORY_TABLE + "\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '3'")).isEqualTo(1);
            }
        }

        assertThatThrownBy(() -> Database.open(store()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("the database schema does not match the migration scripts: ")
                .hasMessageContaining("checksum mismatch for migration version 3")
                .hasMessageEndingWith("A released migration script must never change: restore it and put the change in a new version"
                        + " (CONTRIBUTING.md, \"Add a migration\").");
    }
}
