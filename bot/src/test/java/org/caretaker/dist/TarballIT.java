package org.caretaker.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caretaker-<version>.tar.gz} as a user gets it: unpacked with tar, started through {@code bin/caretaker}.
 */
class TarballIT {
    @TempDir
    Path dir;

    private Path home;

    @BeforeEach
    void unpack() throws Exception {
        Path tarball = Processes.built("caretaker.tarball");
        Processes.Result r = Processes.run(dir, List.of("tar", "xzf", tarball.toString()), Map.of());
        assertThat(r.exit()).as(r.err()).isZero();
        home = dir.resolve("caretaker-" + System.getProperty("caretaker.version"));
    }

    @Test
    void tarball_holdsTheLauncherJarExamplesDeployFilesAndLicences() throws Exception {
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> home.relativize(f).toString()).sorted().toList())
                    .contains("bin/caretaker", "lib/caretaker.jar", "deploy/systemd/caretaker.service",
                            "deploy/container/Dockerfile", "deploy/container/compose.yaml", "deploy/container/caretaker.yaml",
                            "examples/local.yaml", "examples/schedules/daily-sanity.yaml", "licenses/THIRD-PARTY.txt");
        }
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/caretaker"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void version_printsTheBuildsVersion_andTheSecondStartUsesTheClassDataArchiveOfTheFirst() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("CARETAKER_CACHE_DIR", cache.toString());
        String expected = "caretaker " + System.getProperty("caretaker.version") + "\n";

        Processes.Result first = Processes.run(dir, List.of(home.resolve("bin/caretaker").toString(), "--version"), env);
        Processes.Result second = Processes.run(dir, List.of(home.resolve("bin/caretaker").toString(), "--version"), env);

        assertThat(first).isEqualTo(new Processes.Result(0, expected, ""));
        assertThat(second).isEqualTo(new Processes.Result(0, expected, ""));
        try (Stream<Path> archives = Files.list(cache)) {
            assertThat(archives.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().startsWith("caretaker-oneshot-").endsWith(".jsa");
        }
    }

    @Test
    void launcher_withACacheDirectoryItCannotCreate_runsWithoutAnArchive() throws Exception {
        // Root may write anywhere, so a folder below a plain file stands for one the user may not create.
        Path file = Files.writeString(dir.resolve("not-a-folder"), "");

        Processes.Result r = Processes.run(dir, List.of(home.resolve("bin/caretaker").toString(), "--version"),
                Map.of("CARETAKER_CACHE_DIR", file.resolve("cache").toString()));

        assertThat(r).isEqualTo(new Processes.Result(0, "caretaker " + System.getProperty("caretaker.version") + "\n", ""));
    }

    @Test
    void scheduleList_throughTheLauncher_listsTheShippedJobs() throws Exception {
        Path config = Files.writeString(dir.resolve("my.yaml"), """
                hosts:
                  - name: here
                    local: true
                """);

        Processes.Result r = Processes.run(dir, List.of(home.resolve("bin/caretaker").toString(), "schedule", "list",
                "--config", config.toString()), Map.of("CARETAKER_CACHE_DIR", dir.resolve("cache").toString()));

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("daily-sanity  Daily health sweep of every host\n").contains("\nweekly-snapraid  ");
    }

    @Test
    void run_throughTheLauncherFromACleanFolder_schedulesTheShippedJobsAndServesTheRunbookAtTheRoot() throws Exception {
        Path clean = Files.createDirectories(dir.resolve("clean"));
        int port = Processes.freePort();
        Files.writeString(clean.resolve("my.yaml"), """
                hosts:
                  - name: here
                    local: true
                chat:
                  console: true   # alerts need a deliverable channel; stdin is /dev/null, so it only prints
                http:
                  listen: 127.0.0.1:%d
                site: {}
                """.formatted(port));
        Path out = clean.resolve("run.out");
        Process bot = Processes.builder(clean, List.of(home.resolve("bin/caretaker").toString(), "run", "--config", "my.yaml"),
                        Map.of("CARETAKER_CACHE_DIR", dir.resolve("cache").toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(clean.resolve("run.err").toFile()).start();
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI root = java.net.URI.create("http://127.0.0.1:" + port + "/");
            await().atMost(java.time.Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(
                    java.net.http.HttpRequest.newBuilder(root.resolve("healthz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(root).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<a href=\"runbook.html\"");
            assertThat(Files.readString(out)).startsWith("caretaker is running: 1 host(s), 3 scheduled job(s)");
        } finally {
            bot.destroy();
            assertThat(bot.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the launcher hands SIGTERM to the bot").isTrue();
        }
    }

    @Test
    void launcher_isPosixShell_cleanForShellcheck() throws Exception {
        boolean installed;
        try {
            installed = Processes.run(dir, List.of("shellcheck", "--version"), Map.of()).exit() == 0;
        } catch (java.io.IOException e) {
            installed = false;
        }
        assumeTrue(installed, "shellcheck is not installed (apt-get install shellcheck); .ci/run installs it");

        Processes.Result r = Processes.run(dir, List.of("shellcheck", "--shell=sh", home.resolve("bin/caretaker").toString()), Map.of());

        assertThat(r.out() + r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }
}
