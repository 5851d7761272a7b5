package org.caretaker.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caretaker.exec.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code caretaker.jar}, started as its own process from a folder holding nothing but the jar and a
 * configuration: what a user gets on a server. A process, not an in-process call, because what is tested is the
 * jar's own content (the shipped files, the manifest) and what reaches the terminal (logback as configured in
 * the jar, not the tests' logging); so these run in the verify phase, after package.
 */
class PackagedJarIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Path jarAlone() throws Exception {
        return Files.copy(Processes.built("caretaker.jar"), dir.resolve("caretaker.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("caretaker.yaml"), text);
    }

    @Test
    void scheduleList_withNoSchedulesFolder_listsTheShippedJobs() throws Exception {
        Path jar = jarAlone();
        config("""
                hosts:
                  - name: here
                    local: true
                """);

        Processes.Result r = Processes.run(dir, Processes.java(jar, "schedule", "list", "--config", "caretaker.yaml"), Map.of());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> !l.startsWith(" ")).toList())
                .containsExactly("daily-sanity  Daily health sweep of every host",
                        "monthly-scrub  Monthly scrub of the ZFS pools and the SnapRAID array",
                        "weekly-snapraid  Weekly SnapRAID sync and the array's disk health");
    }

    @Test
    void siteBuild_withNoContentFolder_rendersTheShippedRunbookAndStaticFiles() throws Exception {
        Path jar = jarAlone();
        Files.copy(Path.of("../examples/status-sample.json"), dir.resolve("status.json"));

        Processes.Result r = Processes.run(dir, Processes.java(jar, "site", "build", "--status", "status.json", "--out", "site"), Map.of());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("site built in site: ");
        assertThat(dir.resolve("site/runbook/zfs.html")).exists();
        assertThat(dir.resolve("site/static/site.css")).exists();
        assertThat(dir.resolve("site/index.html")).exists();
    }

    @Test
    void run_withOnlyTheJarAndAConfig_schedulesTheShippedJobsAndServesTheRunbook() throws Exception {
        Path jar = jarAlone();
        int port = Processes.freePort();
        config("""
                hosts:
                  - name: here
                    local: true
                chat:
                  console: true   # alerts need a deliverable channel; stdin is /dev/null, so it only prints
                http:
                  listen: 127.0.0.1:%d
                site: {}
                """.formatted(port));
        Path out = dir.resolve("run.out");
        Path err = dir.resolve("run.err");
        Process bot = Processes.builder(dir, Processes.java(jar, "run", "--config", "caretaker.yaml"), Map.of())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> get(base.resolve("healthz")).statusCode() == 200);
            HttpResponse<String> home = get(base);
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("<a href=\"runbook.html\"");
            assertThat(get(base.resolve("runbook/zfs.html")).statusCode()).isEqualTo(200);
            assertThat(get(base.resolve("static/site.css")).statusCode()).isEqualTo(200);
            assertThat(Files.readString(out)).startsWith("caretaker is running: 1 host(s), 3 scheduled job(s)");
            assertThat(dir.resolve("data/site/index.html")).exists();
        } finally {
            bot.destroy();
            assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("the bot stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(err)).contains("schedule added job=daily-sanity").doesNotContain("Exception");
    }

    @Test
    void checkAll_againstARefusedPortAChangedHostKeyAndNoIdentification_printsOnlyFindings() throws Exception {
        Path jar = jarAlone();
        try (TestSshServer server = new TestSshServer(Files.createDirectories(dir.resolve("ssh")));
             TestSshServer other = new TestSshServer(Files.createDirectories(dir.resolve("other")));
             java.net.ServerSocket mute = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            // Not an SSH server: it answers with a line that is no SSH identification and hangs up.
            Thread answering = new Thread(() -> {
                while (!mute.isClosed()) {
                    try (java.net.Socket s = mute.accept()) {
                        s.getOutputStream().write("hello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "not-ssh");
            answering.setDaemon(true);
            answering.start();
            // The other server's key of the same type, recorded for this server's address: a changed host key.
            String changed = other.knownHostsLine().replace("]:" + other.port() + " ", "]:" + server.port() + " ");
            Files.writeString(dir.resolve("known_hosts"), changed + "\n");
            int refused = Processes.freePort();
            config("""
                    hosts:
                      - name: moved
                        address: 127.0.0.1
                        port: %d
                        user: caretaker
                        key: ssh/id_ed25519
                        known-hosts: known_hosts
                      - name: gone
                        address: 127.0.0.1
                        port: %d
                        user: caretaker
                        key: ssh/id_ed25519
                        known-hosts: known_hosts
                      - name: mute
                        address: 127.0.0.1
                        port: %d
                        user: caretaker
                        key: ssh/id_ed25519
                        known-hosts: known_hosts
                    """.formatted(server.port(), refused, mute.getLocalPort()));

            Processes.Result r = Processes.run(dir, Processes.java(jar, "check", "all", "--config", "caretaker.yaml"), Map.of());

            assertThat(r.err()).as("stderr").isEmpty();
            assertThat(r.exit()).isEqualTo(2);
            List<String> lines = r.out().lines().toList();
            assertThat(lines).filteredOn(l -> l.contains("UNREACHABLE reachability")).hasSize(3);
            assertThat(lines).anyMatch(l -> l.contains("UNREACHABLE reachability") && l.contains("127.0.0.1:" + mute.getLocalPort())
                    && l.contains("identification"));
            assertThat(lines).anyMatch(l -> l.contains("UNREACHABLE reachability") && l.contains("127.0.0.1:" + refused)
                    && l.contains("Connection refused"));
            assertThat(lines).anyMatch(l -> l.contains("UNREACHABLE reachability") && l.contains("127.0.0.1:" + server.port())
                    && l.contains("host key") && l.contains("has CHANGED"));
            assertThat(r.out()).doesNotContain("\tat ", "Caused by");
        }
    }

    @Test
    void checkAll_withALogLevelAsked_logsToStderr() throws Exception {
        Path jar = jarAlone();
        int refused = Processes.freePort();
        Files.writeString(dir.resolve("known_hosts"), "");
        Files.writeString(dir.resolve("key"), "");
        config("""
                hosts:
                  - name: gone
                    address: 127.0.0.1
                    port: %d
                    user: caretaker
                    key: key
                    known-hosts: known_hosts
                """.formatted(refused));

        Processes.Result r = Processes.run(dir, Processes.java(jar, "check", "all", "--config", "caretaker.yaml"),
                Map.of("CARETAKER_LOG_LEVEL", "INFO"));

        assertThat(r.err()).contains("host unreachable host=gone");
        assertThat(r.out()).contains("UNREACHABLE reachability");
    }

    @Test
    void version_isTheBuildsVersion() throws Exception {
        Path jar = jarAlone();

        Processes.Result r = Processes.run(dir, Processes.java(jar, "--version"), Map.of());

        assertThat(r).isEqualTo(new Processes.Result(0, "caretaker " + System.getProperty("caretaker.version") + "\n", ""));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
