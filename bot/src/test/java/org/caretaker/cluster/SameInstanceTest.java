package org.caretaker.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.BotProcess;
import org.caretaker.chat.telegram.FakeBotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code caretaker run} processes on one PostgreSQL database under one {@code cluster.instance}. */
class SameInstanceTest {
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration START = Duration.ofSeconds(90);
    @RegisterExtension
    static final SharedPostgres pg = new SharedPostgres();

    @TempDir
    Path dir;
    private FakeBotApi telegram;
    private String url;
    private final List<BotProcess> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        telegram = new FakeBotApi();
        url = pg.freshUrl();
        Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(dir.resolve("schedules/tick.yaml"), """
                id: tick
                description: load every few seconds
                cron: "0/5 * * * * ?"
                time-zone: UTC
                checks: [load]
                report: changes
                misfire: run-once
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (BotProcess p : processes) {
            p.close();
        }
        telegram.close();
    }

    @Test
    void aSecondProcessUnderALiveInstancesId_refusesToStart_namingTheOthersHostAndHeartbeat() throws Exception {
        // At the levels a user gets: the README promises the leadership line there.
        BotProcess first = BotProcess.startAtDefaultLevels(config("a", "one"), dir.resolve("one.log"));
        processes.add(first);
        first.awaitLine(l -> l.contains("leadership taken instance=a"), START);
        first.awaitRunning(START);

        BotProcess second = BotProcess.start(config("a", "two"), dir.resolve("two.log"));
        processes.add(second);
        assertThat(second.awaitExit(START)).isNotZero();
        assertThat(String.join("\n", second.lines()))
                .contains("cannot start: instance a is already running on host ")
                .contains(" pid " + first.pid() + " (last heartbeat ")
                .doesNotContain("leadership taken");

        // The first goes on as before: still registered, still leading, none of its runs taken for interrupted.
        assertThat(first.isAlive()).isTrue();
        assertThat(query("SELECT host FROM cluster_instance WHERE instance = 'a'")).endsWith(" pid " + first.pid());
        assertThat(query("SELECT holder FROM leader_lease")).isEqualTo("a");
        assertThat(query("SELECT COUNT(*) FROM runs WHERE status = 'abandoned'")).isEqualTo("0");
        assertThat(first.lines()).noneMatch(l -> l.contains("interrupted"));
    }

    @Test
    void aRegistrationWithoutAHeartbeatForALease_isTakenOver_withAWarning() throws Exception {
        BotProcess dead = BotProcess.start(config("a", "one"), dir.resolve("one.log"));
        processes.add(dead);
        dead.awaitRunning(START);
        dead.kill();
        await().atMost(LEASE.multipliedBy(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                Double.parseDouble(query("SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - heartbeat_at) FROM cluster_instance")) > LEASE.toSeconds());

        BotProcess next = BotProcess.start(config("a", "two"), dir.resolve("two.log"));
        processes.add(next);
        String warning = next.awaitLine(l -> l.contains("instance registration taken over"), START);
        assertThat(warning).contains("WARN").contains("instance=a").contains("pid " + dead.pid()).contains("lastHeartbeat=");
        next.awaitRunning(START);
        assertThat(query("SELECT host FROM cluster_instance WHERE instance = 'a'")).endsWith(" pid " + next.pid());
    }

    private Path config(String instance, String name) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, ClusterConfigs.instance(instance, name, url, telegram.url().toString(), LEASE, ""));
        return config;
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
