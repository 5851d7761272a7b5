package org.caretaker.check.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;
import static org.caretaker.check.Fixtures.read;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.junit.jupiter.api.Test;

class ContainersCheckTest {
    private static final String PS_7 = "captured/docker-ps-fields-7-containers-unhealthy-restarting-oomkilled.txt";
    private static final String INSPECT_7 = "captured/docker-inspect-7-containers-unhealthy-restarting-oomkilled.json";
    private static final String PS_HEALTHY = "captured/docker-ps-fields-2-containers-healthy.txt";
    private static final String INSPECT_HEALTHY = "captured/docker-inspect-2-containers-healthy.json";

    @Test
    void psLines_judgeEveryContainer() {
        List<Finding> findings = inspect("docker-ps", PS_7);

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("fresh", "hog", "failed", "oneshot", "crashy", "app", "web");
        assertFinding(findings, "crashy", Severity.CRIT, "container crashy keeps restarting (last exit code 1)",
                "runbook/containers#restart-loop");
        assertFinding(findings, "app", Severity.CRIT, "container app is running but its health check fails",
                "runbook/containers#unhealthy");
        assertFinding(findings, "hog", Severity.WARN, "container hog exited with code 137 19 seconds ago",
                "runbook/containers#exited");
        assertFinding(findings, "failed", Severity.WARN, "container failed exited with code 3 23 seconds ago",
                "runbook/containers#exited");
        assertFinding(findings, "oneshot", Severity.OK, "container oneshot finished cleanly (exit code 0 27 seconds ago)",
                "runbook/containers#exited");
        assertFinding(findings, "fresh", Severity.OK, "container fresh is created, not running", "runbook/containers#exited");
        assertFinding(findings, "web", Severity.OK, "container web is running, up 29 seconds, healthy",
                "runbook/containers#unhealthy");
        assertThat(only(findings, "hog").metrics()).containsExactly(java.util.Map.entry("exit_code", 137.0));
    }

    @Test
    void jsonDotFormat_readsTheSameAsTheCheckFormat() {
        List<Finding> viaJsonDot = inspect("docker-ps", "captured/docker-ps-format-json-7-containers.txt");

        assertThat(viaJsonDot).isEqualTo(inspect("docker-ps", PS_7));
    }

    @Test
    void engineApiList_isReadLikeDockerPs() {
        List<Finding> findings = inspect("docker-ps", "public/k8s-docker/docker-api-containers-list-exited-restarting.json");

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("watchtower-stopped", "watchtower-running", "portainer", "portainer");
        assertFinding(findings, "watchtower-stopped", Severity.WARN, "container watchtower-stopped exited with code 1 6 days ago",
                "runbook/containers#exited");
        assertFinding(findings, "watchtower-running", Severity.OK, "container watchtower-running is running, up 3 days",
                "runbook/containers#restart-loop");
        // The file is edited upstream: two containers share the name portainer, one up and one restarting.
        assertThat(findings.stream().filter(f -> f.subject().equals("portainer")))
                .extracting(Finding::severity, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Severity.OK, "container portainer is running, up 3 days"),
                        org.assertj.core.groups.Tuple.tuple(Severity.CRIT, "container portainer keeps restarting (last exit code 0)"));
    }

    @Test
    void inspect_addsRestartCountsAndTheOomKill() {
        List<Finding> findings = inspect("docker-inspect", INSPECT_7);

        assertFinding(findings, "crashy", Severity.CRIT, "container crashy keeps restarting (last exit code 1, 7 restarts so far)",
                "runbook/containers#restart-loop");
        assertFinding(findings, "hog", Severity.WARN,
                "container hog exited with code 137; the last run was killed for running out of memory (OOMKilled)",
                "runbook/containers#exited");
        assertFinding(findings, "app", Severity.CRIT, "container app is running but its health check fails",
                "runbook/containers#unhealthy");
        assertFinding(findings, "web", Severity.OK, "container web is running, healthy", "runbook/containers#unhealthy");
        assertThat(only(findings, "crashy").metrics())
                .containsEntry("restart_count", 7.0).containsEntry("exit_code", 1.0);
    }

    @Test
    void inspectOfOneObject_restartingFlagWinsOverExitedStatus() {
        Finding f = only(inspect("docker-inspect", "public/k8s-docker/docker-inspect-container-restarting-exitcode1.json"),
                "watchtower-test");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("container watchtower-test keeps restarting (last exit code 1)");
    }

    @Test
    void daemonNotRunning_isUnknownSayingSo() {
        assertThat(inspect("docker-ps", "captured/docker-ps-cannot-connect-no-daemon.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("the Docker daemon is not running or not reachable: "
                    + "\"Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\"");
        });
    }

    @Test
    void socketPermissionDenied_saysToUseTheDockerGroupOrSudo() {
        assertThat(inspect("docker-ps", "captured/docker-ps-permission-denied-socket.txt")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("permission denied on the Docker socket: add the login user to the docker group "
                    + "or set sudo: true for this host: \"permission denied while trying to connect to the Docker daemon socket "
                    + "at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.50/containers/js…\"");
        });
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(Fixtures.inspector("docker-ps").inspect("CONTAINER ID   IMAGE   COMMAND\n")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("not valid docker ps JSON line: \"CONTAINER ID   IMAGE   COMMAND\"");
        });
        assertThat(Fixtures.inspector("docker-inspect").inspect("[{\"Id\":\"x\"}]")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("docker inspect entry has no State block: \"[{\"Id\":\"x\"}]\"");
        });
    }

    @Test
    void parsers_throwNothingButUnparseableOnOddShapes() {
        List<String> inputs = List.of("null", "{}", "[]", "[null]", "[1]", "\"text\"", "{\"State\":5}", "[{\"Names\":5}]",
                "{\"Names\":[null,{}],\"State\":[],\"Status\":7}", "[{\"State\":{\"ExitCode\":\"12\",\"Restarting\":\"true\","
                        + "\"Health\":[]},\"RestartCount\":1e99,\"Name\":{}}]", "[] trailing", "{\"ID\":\"a\"} {",
                "[".repeat(5000), "\u0000\u0001");
        for (String in : inputs) {
            assertParsesOrRefuses(() -> DockerPsParser.parse(in));
            assertParsesOrRefuses(() -> DockerInspectParser.parse(in));
        }
    }

    @Test
    void errorWordsInsideJson_areData() throws Exception {
        // Synthetic: a health-check log that happens to contain the words the CLI uses for socket errors.
        List<Container> c = DockerInspectParser.parse("[{\"Id\":\"ab\",\"Name\":\"/backup\",\"State\":{\"Status\":\"running\","
                + "\"Health\":{\"Status\":\"unhealthy\",\"Log\":[{\"Output\":\"permission denied while trying to connect "
                + "to the Docker daemon socket\"}]}}}]");

        assertThat(c).extracting(Container::health).containsExactly("unhealthy");
    }

    @Test
    void numbersWrittenAsStrings_areRead() throws Exception {
        // Synthetic: the fields docker writes as numbers, written as strings.
        List<Container> c = DockerInspectParser.parse("{\"Id\":\"ab\",\"Name\":\"/x\",\"RestartCount\":\"4\","
                + "\"State\":{\"Status\":\"exited\",\"ExitCode\":\"2\",\"OOMKilled\":\"true\"}}");

        assertThat(c).containsExactly(new Container("ab", "x", "", Container.State.EXITED, "", 2, "", 4, "", true));
    }

    @Test
    void run_mergesInspectIntoPsAndReportsMissingExpectedContainers() throws Exception {
        HostConfig host = ScriptedContext.host("docker1",
                new Expectations(List.of(), List.of(), List.of(), List.of("web", "db"), List.of(), Optional.empty()));
        ScriptedContext ctx = new ScriptedContext(new ContainersCheck(), host)
                .answer("docker ps", read(PS_7))
                .answer("docker inspect", read(INSPECT_7));

        List<Finding> findings = ctx.run();

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("fresh", "hog", "failed", "oneshot", "crashy", "app", "web", "db");
        assertFinding(findings, "hog", Severity.WARN, "container hog exited with code 137 19 seconds ago; "
                + "the last run was killed for running out of memory (OOMKilled)", "runbook/containers#exited");
        assertFinding(findings, "crashy", Severity.CRIT, "container crashy keeps restarting (last exit code 1, 7 restarts so far)",
                "runbook/containers#restart-loop");
        assertFinding(findings, "web", Severity.OK, "expected container web is running, up 29 seconds, healthy",
                "runbook/containers#unhealthy");
        assertFinding(findings, "db", Severity.CRIT, "expected container db does not exist on this host",
                "runbook/containers#missing-container");
        assertThat(findings.get(0).check()).isEqualTo("containers");
        assertThat(findings.get(0).host()).isEqualTo("docker1");

        Command ps = ctx.asked().get(0);
        assertThat(ps.argv()).containsExactly("docker", "ps", "-a", "--no-trunc", "--format", ContainersCheck.PS_FORMAT);
        assertThat(ps.root()).isTrue();
        assertThat(ctx.asked().get(1).argv()).hasSize(9).startsWith("docker", "inspect",
                "44b210a050a283c08dcad0cd764834d8d6f23e068b57aa827acf9750272019e9");
    }

    @Test
    void run_expectedContainerThatExitedCleanly_isCritical() throws Exception {
        HostConfig host = ScriptedContext.host("docker1",
                new Expectations(List.of(), List.of(), List.of(), List.of("oneshot"), List.of(), Optional.empty()));
        List<Finding> findings = new ScriptedContext(new ContainersCheck(), host)
                .answer("docker ps", read(PS_HEALTHY))
                .answer("docker inspect", read(INSPECT_HEALTHY))
                .run();

        assertFinding(findings, "oneshot", Severity.CRIT, "expected container oneshot is not running: it exited with code 0 "
                + "37 seconds ago", "runbook/containers#missing-container");
        assertFinding(findings, "web", Severity.OK, "container web is running, up 39 seconds, healthy",
                "runbook/containers#unhealthy");
    }

    @Test
    void run_healthyHost_isAllOk() throws Exception {
        List<Finding> findings = new ScriptedContext(new ContainersCheck(), ScriptedContext.host("docker1", "docker"))
                .answer("docker ps", read(PS_HEALTHY))
                .answer("docker inspect", read(INSPECT_HEALTHY))
                .run();

        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(only(findings, "web").metrics()).containsEntry("restart_count", 0.0).containsEntry("exit_code", 0.0);
    }

    @Test
    void run_inspectMissingOneContainer_stillUsesTheRest() throws Exception {
        List<Finding> findings = new ScriptedContext(new ContainersCheck(), ScriptedContext.host("docker1", "docker"))
                .answer("docker ps", read(PS_HEALTHY))
                .answer("docker inspect", 1, read("captured/docker-inspect-partial-one-removed.json"),
                        "Error: No such object: 47e3dc85ada43dc38b2cab018aa683890f7160bf8262011e66943b1647c50aa0\n")
                .run();

        assertThat(only(findings, "web").metrics()).containsEntry("restart_count", 0.0);
        assertThat(only(findings, "oneshot").metrics()).doesNotContainKey("restart_count");
    }

    @Test
    void run_noContainers_isOneOkFinding() throws Exception {
        List<Finding> findings = new ScriptedContext(new ContainersCheck(), ScriptedContext.host("docker1", "docker"))
                .answer("docker ps", "")
                .run();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("-");
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("no containers on this host");
        });
    }

    @Test
    void restartCountRisingSinceTheLastRun_isWarning() {
        // Synthetic: a running container whose restart count went from 2 to 5 between two runs.
        Findings f = new Findings(ContainersCheck.ID, "docker1");
        Container web = new Container("ab", "web", "nginx", Container.State.RUNNING, "Up 2 minutes", 0, "", 5, "always", false);

        ContainersCheck.evaluate(List.of(web), List.of(), (s, m) -> OptionalDouble.of(2), f);

        assertThat(f.list()).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARN);
            assertThat(x.message()).isEqualTo("container web restarted 3 times since the last run (restart count now 5)");
            assertThat(x.runbook()).isEqualTo("runbook/containers#restart-loop");
        });
    }

    @Test
    void run_daemonDown_isUnknownWithTheReason() {
        ScriptedContext ctx = new ScriptedContext(new ContainersCheck(), ScriptedContext.host("docker1", "docker"))
                .answer("docker ps", 1, "", read("captured/docker-ps-cannot-connect-no-daemon.txt"));

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("the Docker daemon is not running or not reachable");
    }

    @Test
    void run_dockerNotInstalled_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new ContainersCheck(), ScriptedContext.host("docker1", "docker"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("docker is not installed or not on the PATH");
    }

    @Test
    void appliesToDockerHostsAndHostsExpectingContainers() {
        ContainersCheck check = new ContainersCheck();

        assertThat(check.appliesTo(ScriptedContext.host("a", "docker"))).isTrue();
        assertThat(check.appliesTo(ScriptedContext.host("b", new Expectations(List.of(), List.of(), List.of(),
                List.of("web"), List.of(), Optional.empty())))).isTrue();
        assertThat(check.appliesTo(ScriptedContext.host("c", "zfs"))).isFalse();
    }

    private static void assertFinding(List<Finding> findings, String subject, Severity severity, String message, String runbook) {
        Finding f = only(findings, subject);
        assertThat(f.severity()).as(subject).isEqualTo(severity);
        assertThat(f.message()).as(subject).isEqualTo(message);
        assertThat(f.runbook()).as(subject).isEqualTo(runbook);
    }

    private interface ParserCall {
        Object parse() throws UnparseableOutputException;
    }

    private static void assertParsesOrRefuses(ParserCall call) {
        try {
            call.parse();
        } catch (UnparseableOutputException expected) {
            // refusing is fine; anything else escaping is the bug this test looks for
        }
    }
}
