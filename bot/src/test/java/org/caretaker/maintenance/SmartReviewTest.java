package org.caretaker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMART review on a real history store: what the smart check recorded a month ago against today. */
class SmartReviewTest {
    private static final Instant NOW = Instant.parse("2026-12-05T03:30:00Z");

    @TempDir
    Path dir;

    private static Finding smart(String disk, double reallocated, double pending) {
        return new Finding("smart", "nas", disk, Severity.OK, "ok", Map.of("reallocated_sectors", reallocated, "pending_sectors", pending), "");
    }

    @Test
    void growthSinceLastMonth_isWarn_andSteadyDisksAreOk() throws Exception {
        try (Database db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)))) {
            JdbcHistoryStore history = new JdbcHistoryStore(db);
            Instant monthAgo = NOW.minus(Duration.ofDays(30));
            long a = history.startRun("daily-sanity", "schedule", "daily-sanity", monthAgo);
            history.finishRun(a, monthAgo.plusSeconds(5), List.of(smart("/dev/sda", 0, 0), smart("/dev/sdb", 8, 0)), RunStatus.FINISHED, "");
            long b = history.startRun("daily-sanity", "schedule", "daily-sanity", NOW.minusSeconds(3600));
            history.finishRun(b, NOW.minusSeconds(3595), List.of(smart("/dev/sda", 0, 0), smart("/dev/sdb", 24, 2)), RunStatus.FINISHED, "");

            Findings f = new Findings(SmartReview.CHECK, "nas");
            new SmartReview(history).review("nas", NOW.minus(Duration.ofDays(35)), NOW, f);

            assertThat(f.list()).extracting(Finding::subject, Finding::severity, Finding::message).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("/dev/sda", Severity.OK, "0 reallocated sectors, unchanged; 0 pending sectors, unchanged"),
                    org.assertj.core.groups.Tuple.tuple("/dev/sdb", Severity.WARN,
                            "reallocated sectors grew by 16 to 24 since 2026-11-05; pending sectors grew by 2 to 2 since 2026-11-05"));
        }
    }

    @Test
    void aDiskInAZfsPool_isNamedWithItsPoolAndVdev() throws Exception {
        try (Database db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)))) {
            JdbcHistoryStore history = new JdbcHistoryStore(db);
            Instant monthAgo = NOW.minus(Duration.ofDays(30));
            long a = history.startRun("daily-sanity", "schedule", "daily-sanity", monthAgo);
            history.finishRun(a, monthAgo.plusSeconds(5), List.of(smart("/dev/sdb [sat]", 0, 0)), RunStatus.FINISHED, "");
            long b = history.startRun("daily-sanity", "schedule", "daily-sanity", NOW.minusSeconds(3600));
            history.finishRun(b, NOW.minusSeconds(3595), List.of(smart("/dev/sdb [sat]", 0, 3)), RunStatus.FINISHED, "");

            Findings f = new Findings(SmartReview.CHECK, "nas");
            new SmartReview(history).review("nas", NOW.minus(Duration.ofDays(35)), NOW, f, Map.of("/dev/sdb", "pool tank, mirror-0"));

            assertThat(f.list()).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARN);
                assertThat(x.message()).isEqualTo("0 reallocated sectors, unchanged; pending sectors grew by 3 to 3 since 2026-11-05"
                        + " (ZFS pool tank, mirror-0)");
            });
        }
    }
}
