package org.caretaker.check.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caretaker.cli.Main;
import org.caretaker.exec.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The containers check against a real Docker daemon: containers that crash-loop, turn unhealthy, are killed for
 * memory, exit non-zero, restart again and again, are paused, and one that is healthy, judged through the local
 * executor and over SSH to OpenSSH on loopback. The image is made without a registry from Debian's static
 * busybox. Run by {@code .ci/docker.sh} with {@code -Pdocker}; it refuses to pass if this suite skipped.
 */
@Tag("docker")
class DockerSuiteTest {
    static final String IMAGE = "caretaker-test/busybox:1";
    private static final String PREFIX = "ct-suite-";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    /** Where the suite leaves the real docker ps and docker inspect outputs it judged, to keep as fixtures. */
    private static final Path SEEN = Path.of("target/docker-suite");

    @TempDir
    static Path dir;

    @BeforeAll
    static void startContainers() throws Exception {
        Assumptions.assumeTrue(run("docker", "info", "--format", "{{.ServerVersion}}").exit() == 0,
                "needs a running Docker daemon (apt-get install docker.io); .ci/docker.sh installs and starts it");
        Assumptions.assumeTrue(Files.isExecutable(BUSYBOX), "needs /bin/busybox (apt-get install busybox-static) to build the test image");
        removeOurs();
        if (run("docker", "image", "inspect", IMAGE).exit() != 0) {
            importImage();
        }
        docker("run", "-d", "--name", PREFIX + "healthy", "--health-cmd", "true", "--health-interval", "1s", IMAGE, "sleep", "3600");
        docker("run", "-d", "--name", PREFIX + "unhealthy", "--health-cmd", "false", "--health-interval", "1s",
                "--health-retries", "1", IMAGE, "sleep", "3600");
        docker("run", "-d", "--name", PREFIX + "crashloop", "--restart", "always", IMAGE,
                "sh", "-c", "echo caretaker-crash-marker: config file missing; exit 1");
        docker("run", "-d", "--name", PREFIX + "oom", "--memory", "16m", "--memory-swap", "16m", IMAGE,
                "sh", "-c", "x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done");
        docker("run", "-d", "--name", PREFIX + "exit3", IMAGE, "sh", "-c", "exit 3");
        docker("run", "-d", "--name", PREFIX + "restarter", "--restart", "on-failure", IMAGE, "sh", "-c", "sleep 1; exit 2");
        docker("run", "-d", "--name", PREFIX + "paused", IMAGE, "sleep", "3600");
        docker("pause", PREFIX + "paused");

        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() ->
                inspect("healthy", "{{.State.Health.Status}}").equals("healthy")
                        && inspect("unhealthy", "{{.State.Health.Status}}").equals("unhealthy")
                        && inspect("oom", "{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}").equals("exited 137 true")
                        && inspect("exit3", "{{.State.Status}} {{.State.ExitCode}}").equals("exited 3")
                        && Integer.parseInt(inspect("restarter", "{{.RestartCount}}")) >= 3
                        && Integer.parseInt(inspect("crashloop", "{{.RestartCount}}")) >= 3
                        && inspect("paused", "{{.State.Status}}").equals("paused"));
        keepWhatDockerSays();
    }

    @AfterAll
    static void removeContainers() throws Exception {
        if (run("docker", "info").exit() == 0) {
            removeOurs();
        }
    }

    @Test
    void everyContainer_isJudgedRight_throughTheLocalExecutor() throws Exception {
        Path config = Files.writeString(dir.resolve("local.yaml"), """
                hosts:
                  - name: this-machine
                    local: true
                    tags: [docker]
                """);

        assertJudgedRight(findings("check", "containers", "--config", config.toString(), "--json"));
    }

    @Test
    void everyContainer_isJudgedRight_overSshToOpenSshOnLoopback() throws Exception {
        OpenSshServer.assumeAvailable();
        try (OpenSshServer sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("sshd")))) {
            Path config = Files.writeString(dir.resolve("ssh.yaml"), """
                    hosts:
                      - name: loopback
                        address: 127.0.0.1
                        port: %d
                        user: root
                        key: %s
                        known-hosts: %s
                        tags: [docker]
                    """.formatted(sshd.port(), sshd.clientKey(), sshd.knownHosts()));

            assertJudgedRight(findings("check", "containers", "--config", config.toString(), "--json"));
        }
    }

    @Test
    void diagContainers_quotesTheLogTailOfTheLoopingContainer() throws Exception {
        Path config = Files.writeString(dir.resolve("diag.yaml"), """
                hosts:
                  - name: this-machine
                    local: true
                    tags: [docker]
                """);

        Map<String, JsonNode> diag = new LinkedHashMap<>();
        for (JsonNode f : findingsJson("diag", "containers", "--config", config.toString(), "--json")) {
            if (f.get("check").asText().equals("diag-containers")) {
                diag.put(f.get("subject").asText(), f);
            }
        }

        assertThat(diag).containsKey(PREFIX + "crashloop");
        assertThat(diag.get(PREFIX + "crashloop").get("message").asText())
                .contains("caretaker-crash-marker: config file missing");
    }

    private static void assertJudgedRight(Map<String, JsonNode> byName) {
        assertThat(severity(byName, "healthy")).isEqualTo("OK");
        assertThat(message(byName, "healthy")).contains("is running").contains("healthy");
        assertThat(severity(byName, "unhealthy")).isEqualTo("CRIT");
        assertThat(message(byName, "unhealthy")).contains("health check fails");
        assertThat(severity(byName, "crashloop")).isIn("CRIT", "WARN");
        assertThat(message(byName, "crashloop")).containsAnyOf("keeps restarting", "has restarted", "exited with code 1");
        assertThat(severity(byName, "oom")).isEqualTo("WARN");
        assertThat(message(byName, "oom")).contains("exited with code 137").contains("OOMKilled");
        assertThat(severity(byName, "exit3")).isEqualTo("WARN");
        assertThat(message(byName, "exit3")).contains("exited with code 3");
        assertThat(severity(byName, "restarter")).isIn("CRIT", "WARN");
        assertThat(message(byName, "restarter")).containsAnyOf("keeps restarting", "has restarted", "exited with code 2");
        assertThat(severity(byName, "paused")).isEqualTo("WARN");
        assertThat(message(byName, "paused")).contains("is paused");
    }

    private static String severity(Map<String, JsonNode> byName, String name) {
        assertThat(byName).as("a finding for " + PREFIX + name).containsKey(PREFIX + name);
        return byName.get(PREFIX + name).get("severity").asText();
    }

    private static String message(Map<String, JsonNode> byName, String name) {
        return byName.get(PREFIX + name).get("message").asText();
    }

    /** Our containers' findings by name; other containers on a shared daemon are none of this suite's business. */
    private static Map<String, JsonNode> findings(String... args) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode f : findingsJson(args)) {
            if (f.get("check").asText().equals(ContainersCheck.ID) && f.get("subject").asText().startsWith(PREFIX)) {
                out.put(f.get("subject").asText(), f);
            }
        }
        return out;
    }

    private static JsonNode findingsJson(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.execute(args);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root).as("JSON from caretaker " + String.join(" ", args) + "; stderr: " + err).isNotNull();
        return root.get("findings");
    }

    /** A root filesystem with nothing but the static busybox, loaded with docker import: no registry involved. */
    private static void importImage() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(BUSYBOX, rootfs.resolve("busybox"));
        for (String tool : List.of("sh", "sleep", "echo", "true", "false", "cat")) {
            Files.createSymbolicLink(rootfs.resolve(tool), Path.of("busybox"));
        }
        Path tar = dir.resolve("rootfs.tar");
        Result t = run("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), ".");
        assertThat(t.exit()).as("tar: " + t.out()).isZero();
        Result i = run("docker", "import", "--change", "ENV PATH=/bin", tar.toString(), IMAGE);
        assertThat(i.exit()).as("docker import: " + i.out()).isZero();
    }

    private static void keepWhatDockerSays() throws Exception {
        Files.createDirectories(SEEN);
        List<String> ids = new ArrayList<>();
        for (String line : run("docker", "ps", "-aq", "--no-trunc", "--filter", "name=" + PREFIX).out().lines().toList()) {
            ids.add(line.strip());
        }
        Files.writeString(SEEN.resolve("docker-ps.txt"), run("docker", "ps", "-a", "--no-trunc", "--filter", "name=" + PREFIX,
                "--format", ContainersCheck.PS_FORMAT).out());
        List<String> argv = new ArrayList<>(List.of("docker", "inspect"));
        argv.addAll(ids);
        Files.writeString(SEEN.resolve("docker-inspect.json"), run(argv.toArray(String[]::new)).out());
    }

    private static String inspect(String name, String format) throws Exception {
        return run("docker", "inspect", "--format", format, PREFIX + name).out().strip();
    }

    private static void docker(String... args) throws Exception {
        String[] argv = new String[args.length + 1];
        argv[0] = "docker";
        System.arraycopy(args, 0, argv, 1, args.length);
        Result r = run(argv);
        assertThat(r.exit()).as(String.join(" ", argv) + ": " + r.out()).isZero();
    }

    private static void removeOurs() throws Exception {
        for (String id : run("docker", "ps", "-aq", "--filter", "name=" + PREFIX).out().lines().toList()) {
            run("docker", "rm", "-f", id.strip());
        }
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out);
        }
        return new Result(p.exitValue(), out);
    }
}
