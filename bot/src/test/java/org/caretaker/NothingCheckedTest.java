package org.caretaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.caretaker.check.Catalogue;
import org.caretaker.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as a new user meets it — one local host with no tags and the shipped jobs — through the
 * real console: whatever matched no host says "not checked" and why, at UNKNOWN, never OK.
 */
class NothingCheckedTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Bot bot;
    private PipedOutputStream typed;
    private ByteArrayOutputStream screen;

    @BeforeEach
    void start() throws Exception {
        // examples/local.yaml, with the site and HTTP on paths and ports of this test.
        Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: this-machine
                    local: true
                    tags: []
                    checks: { skip: [load] }   # not in examples/local.yaml: shows a check turned off
                store: { data-dir: data }
                chat: { console: true }
                http: { listen: "127.0.0.1:0" }
                site: { content: "%s", templates: "%s", out: site }
                """.formatted(REPO.resolve("content"), REPO.resolve("templates")));
        Catalogue catalogue = Catalogue.standard();
        var config = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment())
                .load(dir.resolve("caretaker.yaml"));
        typed = new PipedOutputStream();
        screen = new ByteArrayOutputStream();
        var in = new BufferedReader(new InputStreamReader(new PipedInputStream(typed, 1 << 16), StandardCharsets.UTF_8));
        bot = new Bot(new Caretaker(config, catalogue, Clock.systemUTC()), in, new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        bot.start();
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    private void type(String line) throws IOException {
        typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typed.flush();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private String waitFor(String text) {
        await().atMost(Duration.ofSeconds(90)).until(() -> screen().contains(text));
        return screen();
    }

    @Test
    void runningTheWeeklySnapraidJobOnALabWithoutSnapraid_saysNothingWasChecked_atUnknown() throws Exception {
        type("/run weekly-snapraid");
        Matcher code = Pattern.compile("/confirm ([0-9a-f]+)").matcher(waitFor("/confirm "));
        assertThat(code.find()).isTrue();
        type("/confirm " + code.group(1));

        String out = waitFor("weekly-snapraid digest:");
        assertThat(out).contains("[UNKN] weekly-snapraid digest: no changes, 0 still open, 1 not checked")
                .contains("weekly-snapraid: not checked: no host matches tag snapraid; add it to a host in the configuration,"
                        + " or change the job's hosts")
                .doesNotContain("[ OK ] weekly-snapraid digest");
    }

    @Test
    void runHistory_carriesTheRealFindingCountDurationAndVerdict_inStatusJsonTheSiteTheScheduleAndMetrics() throws Exception {
        type("/run daily-sanity");
        waitFor("daily-sanity started");
        Path status = dir.resolve("data/status.json");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(status) && Files.readString(status).contains("\"job\" : \"daily-sanity\""));
        JsonNode snapshot = new ObjectMapper().readTree(status.toFile());
        assertThat(snapshot.get("schemaVersion").asInt()).isEqualTo(2);
        JsonNode run = snapshot.get("runs").get(0);
        int findings = run.get("findings").asInt();
        assertThat(findings).as("a sweep of this machine finds something on every check").isGreaterThan(3);
        assertThat(run.get("status").asText()).isEqualTo("finished");
        assertThat(run.get("finishedAt").asText()).isNotEmpty();

        JsonNode snapraid = null;
        for (JsonNode c : snapshot.get("checks")) {
            if (c.get("id").asText().equals("snapraid")) {
                snapraid = c;
            }
        }
        assertThat(snapraid).isNotNull();
        assertThat(snapraid.get("hosts")).as("no host has SnapRAID: not applicable").isEmpty();
        JsonNode monthly = null;
        for (JsonNode j : snapshot.get("schedules")) {
            if (j.get("id").asText().equals("monthly-scrub")) {
                monthly = j;
            }
        }
        assertThat(monthly.get("lastRun").isNull()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("site/index.html")).contains("daily-sanity"));
        String home = Files.readString(dir.resolve("site/index.html"));
        assertThat(home).contains("<td data-label=\"Findings\">" + findings + "</td>")
                .contains("<span class=\"badge\">never ran</span>")
                .containsPattern("<a href=\"[^\"]*snapraid[^\"]*\">snapraid</a> <span class=\"badge\">not applicable</span>");

        type("/schedule");
        String schedule = waitFor("last: finished");
        assertThat(schedule).containsPattern("last: finished [A-Z]+, started [^,]+, took \\d+ s, " + findings + " findings \\(run \\d+")
                .contains("last: never ran");

        var metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + bot.httpPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("caretaker_last_run_findings{job=\"daily-sanity\"} " + findings)
                .containsPattern("caretaker_last_run_worst\\{job=\"daily-sanity\",status=\"finished\"\\} \\d");
    }

    @Test
    void validate_passesOnlyWhenEveryLayerWasChecked_andCountsWhatWasNot() throws Exception {
        type("/validate");
        String out = waitFor("/validate:");
        assertThat(out).contains("[UNKN] /validate: not passed: 1 passed, 0 failed, 4 not checked (storage, compute, services, monitoring)")
                .contains("Layer 1 storage: not checked")
                .contains("layer-1: not checked: no host has what storage looks at (")
                .contains("zfs-pools runs on hosts tagged zfs or with expect.pools")
                .doesNotContain("all 5 layers passed");
    }

    @Test
    void aCheckOnAnExistingHostItDoesNotApplyTo_saysSo_ratherThanNoHostMatched() throws Exception {
        type("/smart this-machine");
        String out = waitFor("smart on this-machine");
        assertThat(out).contains("[UNKN] smart on this-machine: not checked")
                .contains("smart: not checked: smart does not apply to this-machine: it runs on hosts tagged smart, proxmox, zfs"
                        + " or snapraid, or with expect.disks")
                .doesNotContain("No host matched").doesNotContain("new problem").doesNotContain("/ack");
    }

    @Test
    void aCheckTurnedOffOnAHost_saysSo_andTheSweepLeavesItOut() throws Exception {
        type("/check load this-machine");
        String out = waitFor("load on this-machine");
        assertThat(out).contains("[UNKN] load on this-machine: not checked")
                .contains("load: not checked: load is turned off on this-machine (checks.skip)");

        type("/check all this-machine");
        String all = waitFor("all on this-machine");
        assertThat(all.substring(all.indexOf("all on this-machine"))).contains("disk-usage").doesNotContain("this-machine load");
    }

    @Test
    void aCheckThatAppliesToNoHost_isNotCheckedOnEveryHost() throws Exception {
        type("/check snapraid");
        String out = waitFor("snapraid on every host");
        assertThat(out).contains("[UNKN] snapraid on every host: not checked")
                .contains("snapraid: not checked: snapraid does not apply to this-machine: it runs on hosts tagged snapraid")
                .doesNotContain("/ack");
    }
}
