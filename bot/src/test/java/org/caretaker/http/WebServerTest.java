package org.caretaker.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.HttpConfig;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunRecord;
import org.caretaker.store.RunStatus;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class WebServerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T06:30:00Z");

    @TempDir
    Path dir;

    private Database db;
    private HistoryStore store;
    private WebServer server;
    private boolean schedulerUp = true;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
        store = new JdbcHistoryStore(db);
        long id = store.startRun("daily-sanity", "schedule", "daily-sanity", T0);
        store.finishRun(id, T0.plusSeconds(12), List.of(
                new Finding("disk-usage", "nas", "/srv", Severity.WARN, "w", Map.of(), ""),
                new Finding("zfs-pools", "pve", "tank \"main\"", Severity.CRIT, "c", Map.of(), ""),
                new Finding("reachability", "pi", "-", Severity.UNREACHABLE, "down", Map.of(), "")), RunStatus.FINISHED, "");
        MetricsSource source = new MetricsSource() {
            @Override
            public List<StoredState> states() throws StoreException {
                return store.latest();
            }

            @Override
            public List<String> jobs() {
                return List.of("daily-sanity", "monthly-scrub");
            }

            @Override
            public Optional<RunRecord> lastRun(String job) throws StoreException {
                return store.runs(Optional.of(job), 1).stream().findFirst();
            }

            @Override
            public Optional<RunRecord> lastSuccess(String job) throws StoreException {
                return store.lastFinished(job);
            }

            @Override
            public int outboxDepth() {
                return 3;
            }

            @Override
            public long outboxFailed() {
                return 2;
            }

            @Override
            public boolean schedulerRunning() {
                return schedulerUp;
            }
        };
        server = new WebServer(new HttpConfig("127.0.0.1", 0), source);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_exposeStatesRunsAndOutbox_inPrometheusFormat() throws Exception {
        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body())
                .contains("caretaker_check_status{host=\"nas\",check=\"disk-usage\",subject=\"/srv\"} 1\n")
                .contains("caretaker_check_status{host=\"pve\",check=\"zfs-pools\",subject=\"tank \\\"main\\\"\"} 2\n")
                .contains("caretaker_check_status{host=\"pi\",check=\"reachability\",subject=\"-\"} 4\n")
                .contains("caretaker_findings{severity=\"CRIT\"} 1\n")
                .contains("caretaker_run_duration_seconds{job=\"daily-sanity\"} 12.0\n")
                .contains("caretaker_last_success_timestamp_seconds{job=\"daily-sanity\"} " + T0.plusSeconds(12).getEpochSecond() + "\n")
                .contains("caretaker_outbox_depth 3\n")
                .contains("# TYPE caretaker_outbox_failed_total counter\ncaretaker_outbox_failed_total 2\n")
                .contains("caretaker_scheduler_up 1\n")
                .doesNotContain("job=\"monthly-scrub\"");
    }

    @Test
    void lastSuccess_staysOnTheLastFinishedRun_afterManyFailedAndInterruptedOnes() throws Exception {
        for (int i = 1; i <= 51; i++) {
            long id = store.startRun("daily-sanity", "schedule", "daily-sanity", T0.plusSeconds(3600L * i));
            if (i % 2 == 0) {
                store.finishRun(id, T0.plusSeconds(3600L * i + 30), List.of(), RunStatus.FAILED, "failed");
            } else {
                store.abandonRun(id, T0.plusSeconds(3600L * i + 30), "the bot stopped while this run was going");
            }
        }

        assertThat(get("/metrics").body())
                .as("the alert on a stale last success must be able to fire")
                .contains("caretaker_last_success_timestamp_seconds{job=\"daily-sanity\"} " + T0.plusSeconds(12).getEpochSecond() + "\n")
                .contains("caretaker_run_duration_seconds{job=\"daily-sanity\"} 30.0\n");
    }

    @Test
    void healthz_isOk_whileTheSchedulerRuns_and503Otherwise() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").body()).isEqualTo("ok\n");

        schedulerUp = false;
        HttpResponse<String> down = get("/healthz");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("unhealthy: scheduler not running\n");
    }

    @Test
    void onlyReadsAreAccepted() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
    }
}
