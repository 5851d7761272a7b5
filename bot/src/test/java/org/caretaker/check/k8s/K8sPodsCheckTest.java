package org.caretaker.check.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;
import static org.caretaker.check.Fixtures.read;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.exec.Command;
import org.junit.jupiter.api.Test;

class K8sPodsCheckTest {
    private static final String HEALTHY = "public/k8s-docker/kubectl-get-pods-o-json-kube-system-11-running-healthy.json";
    private static final String IMAGE_PULL = "public/k8s-docker/kubectl-get-pods-o-json-2-pending-imagepullbackoff.json";
    private static final String REFUSED = "captured/kubectl-get-pods-connection-refused-no-cluster.txt";
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    // Synthetic, minimal: no public `kubectl get nodes -o json` with a clear licence was found.
    private static final String NODES = """
            {"kind":"List","items":[
             {"kind":"Node","metadata":{"name":"k3s-1"},"status":{"conditions":[
               {"type":"MemoryPressure","status":"False"},{"type":"DiskPressure","status":"False"},
               {"type":"Ready","status":"True","reason":"KubeletReady","lastTransitionTime":"2026-11-01T00:00:00Z"}]}},
             {"kind":"Node","metadata":{"name":"k3s-2"},"spec":{"unschedulable":true},"status":{"conditions":[
               {"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status.",
                "lastTransitionTime":"2026-11-23T01:00:00Z"}]}},
             {"kind":"Node","metadata":{"name":"k3s-3"},"status":{"conditions":[
               {"type":"DiskPressure","status":"True"},
               {"type":"Ready","status":"True","lastTransitionTime":"2026-11-20T00:00:00Z"}]}},
             {"kind":"Node","metadata":{"name":"k3s-4"},"status":{"conditions":[
               {"type":"Ready","status":"False","reason":"KubeletNotReady","message":"container runtime is down",
                "lastTransitionTime":"2026-11-23T03:50:00Z"}]}}]}
            """;

    @Test
    void healthyNamespace_isOneSummaryLine() {
        assertThat(inspect("kubectl-pods", HEALTHY)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("-");
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("11 pods running");
            assertThat(f.metrics()).containsEntry("pods_running", 11.0).containsEntry("pods_starting", 0.0);
            assertThat(f.runbook()).isEqualTo("runbook/k8s#crashloopbackoff");
        });
    }

    @Test
    void imagePullBackOff_isCriticalNamingTheImage() {
        List<Finding> findings = inspect("kubectl-pods", IMAGE_PULL);

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("default/ubuntu-debug-5c8d99cd56-dvcdv", "default/ubuntu-debug-5c8d99cd56-jssfv");
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pod default/ubuntu-debug-5c8d99cd56-dvcdv cannot pull image ubuntu:latest (ImagePullBackOff)");
        assertThat(f.runbook()).isEqualTo("runbook/k8s#imagepullbackoff");
    }

    @Test
    void crashLoop_namesRestartsAndTheLastTermination() {
        // Synthetic: no public `kubectl get pods -o json` with CrashLoopBackOff and a clear licence was found.
        List<Finding> findings = pods(pod("media", "jellyfin-7d9c", "Running", "2026-11-22T10:00:00Z", "", """
                "containerStatuses":[{"name":"jellyfin","image":"jellyfin/jellyfin:10.9","ready":false,"restartCount":6,
                 "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s restarting failed container"}},
                 "lastState":{"terminated":{"reason":"OOMKilled","exitCode":137}}}]"""));

        Finding f = only(findings, "media/jellyfin-7d9c");
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pod media/jellyfin-7d9c is in CrashLoopBackOff: container jellyfin restarted 6 times, "
                + "last exit OOMKilled (code 137)");
        assertThat(f.metrics()).containsEntry("restart_count", 6.0);
        assertThat(f.runbook()).isEqualTo("runbook/k8s#crashloopbackoff");
    }

    @Test
    void unschedulablePod_isWarningThenCriticalAfterPendingMinutes() {
        // Synthetic, with the scheduler message of public/k8s-docker/kubectl-describe-pod-pending-failedscheduling-node-selector.txt.
        String recent = pod("default", "user-profile-resources-659d4dd659-q6r8v", "Pending", "2026-11-23T03:57:00Z", """
                {"type":"PodScheduled","status":"False","reason":"Unschedulable","lastTransitionTime":"2026-11-23T03:57:00Z",
                 "message":"0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."}""", "");
        String old = recent.replace("2026-11-23T03:57:00Z", "2026-11-23T03:35:00Z").replace("-q6r8v", "-old");

        List<Finding> findings = pods(recent, old);

        Finding young = only(findings, "default/user-profile-resources-659d4dd659-q6r8v");
        assertThat(young.severity()).isEqualTo(Severity.WARN);
        assertThat(young.message()).isEqualTo("pod default/user-profile-resources-659d4dd659-q6r8v cannot be scheduled yet (3 min): "
                + "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
        assertThat(young.runbook()).isEqualTo("runbook/k8s#pending-pods");
        Finding stuck = only(findings, "default/user-profile-resources-659d4dd659-old");
        assertThat(stuck.severity()).isEqualTo(Severity.CRIT);
        assertThat(stuck.message()).isEqualTo("pod default/user-profile-resources-659d4dd659-old has been unschedulable for 25 min "
                + "(critical after 10 min): 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
        assertThat(stuck.metrics()).containsEntry("pending_minutes", 25.0);
    }

    @Test
    void volumeNodeAffinityConflict_pointsToThePvcRunbook() {
        // Synthetic: the scheduler's wording for a local PV pinned to another node.
        Finding f = only(pods(pod("db", "postgres-0", "Pending", "2026-11-23T02:00:00Z", """
                {"type":"PodScheduled","status":"False","reason":"Unschedulable","lastTransitionTime":"2026-11-23T02:00:00Z",
                 "message":"0/3 nodes are available: 3 node(s) had volume node affinity conflict."}""", "")), "db/postgres-0");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("pod db/postgres-0 has been unschedulable for 2 h (critical after 10 min): "
                + "0/3 nodes are available: 3 node(s) had volume node affinity conflict.");
        assertThat(f.runbook()).isEqualTo("runbook/k8s#pvc-node-affinity");
    }

    @Test
    void pastOomKill_ofARunningPod_isWarning() {
        // Synthetic: the container was OOM-killed once and runs again.
        List<Finding> findings = pods(pod("apps", "immich-ml-5f6", "Running", "2026-11-20T00:00:00Z", """
                {"type":"Ready","status":"True","lastTransitionTime":"2026-11-22T00:00:00Z"}""", """
                "containerStatuses":[{"name":"ml","image":"immich-ml:v1","ready":true,"restartCount":1,
                 "state":{"running":{"startedAt":"2026-11-22T00:00:00Z"}},
                 "lastState":{"terminated":{"reason":"OOMKilled","exitCode":137}}}]"""));

        Finding f = only(findings, "apps/immich-ml-5f6");
        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("pod apps/immich-ml-5f6: container ml was killed for running out of memory "
                + "(OOMKilled, exit code 137), 1 restart so far");
        assertThat(f.runbook()).isEqualTo("runbook/k8s#oomkilled");
    }

    @Test
    void failedAndCompletedPods_areWarningAndIgnored() {
        // Synthetic: an evicted pod and a finished job pod.
        List<Finding> findings = pods(
                pod("apps", "web-1", "Failed", "2026-11-22T00:00:00Z", "", "").replace("\"phase\":\"Failed\"",
                        "\"phase\":\"Failed\",\"reason\":\"Evicted\",\"message\":\"The node was low on resource: memory.\""),
                pod("jobs", "backup-29123-x", "Succeeded", "2026-11-23T03:00:00Z", "", ""));

        assertThat(findings).extracting(Finding::subject).containsExactly("apps/web-1", "-");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARN);
        assertThat(findings.get(0).message()).isEqualTo("pod apps/web-1 failed: Evicted: The node was low on resource: memory.");
        assertThat(findings.get(0).runbook()).isEqualTo("runbook/k8s#failed-pods");
        assertThat(findings.get(1).message()).isEqualTo("0 pods running, 1 completed");
    }

    @Test
    void notReadyForLong_isWarning_butAFreshPodIsStarting() {
        // Synthetic: readiness failing for 40 min on one pod, for 2 min on another.
        String stale = pod("apps", "api-1", "Running", "2026-11-23T03:00:00Z", """
                {"type":"Ready","status":"False","reason":"ContainersNotReady","message":"containers with unready status: [api]",
                 "lastTransitionTime":"2026-11-23T03:20:00Z"}""", "");
        String fresh = stale.replace("api-1", "api-2").replace("2026-11-23T03:20:00Z", "2026-11-23T03:58:00Z");

        List<Finding> findings = pods(stale, fresh);

        assertThat(findings).extracting(Finding::subject).containsExactly("apps/api-1", "-");
        assertThat(findings.get(0).message())
                .isEqualTo("pod apps/api-1 has been running but not ready for 40 min: containers with unready status: [api]");
        assertThat(findings.get(0).runbook()).isEqualTo("runbook/k8s#not-ready-pods");
        assertThat(findings.get(1).message()).isEqualTo("0 pods running, 1 starting");
    }

    @Test
    void nodes_notReadyAndUnknownAreCritical_pressureIsWarning() {
        Findings f = new Findings(K8sPodsCheck.ID, "k3s-1");
        List<Finding> findings;
        try {
            K8sPodsCheck.evaluateNodes(NodeListParser.parse(NODES), NOW, f);
            findings = f.list();
        } catch (UnparseableOutputException e) {
            throw new AssertionError(e);
        }

        assertThat(findings).extracting(Finding::subject, Finding::severity, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node/k3s-1", Severity.OK, "node k3s-1 is Ready"),
                org.assertj.core.groups.Tuple.tuple("node/k3s-2", Severity.CRIT,
                        "node k3s-2 is unreachable (Ready is Unknown for 3 h): Kubelet stopped posting node status."),
                org.assertj.core.groups.Tuple.tuple("node/k3s-3", Severity.WARN, "node k3s-3 is Ready but reports DiskPressure"),
                org.assertj.core.groups.Tuple.tuple("node/k3s-4", Severity.CRIT,
                        "node k3s-4 is NotReady for 10 min: container runtime is down"));
        assertThat(findings).extracting(Finding::runbook).containsOnly("runbook/k8s#node-not-ready");
    }

    @Test
    void connectionRefused_isUnknownWithTheSummaryLine() {
        assertThat(inspect("kubectl-pods", REFUSED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("kubectl cannot reach the Kubernetes API server: "
                    + "\"The connection to the server localhost:8080 was refused - did you specify the right host or port?\"");
        });
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(Fixtures.inspector("kubectl-pods").inspect("NAME   READY   STATUS\nweb-1  1/1  Running\n")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
                    assertThat(f.message()).isEqualTo("not valid kubectl JSON: \"NAME   READY   STATUS ⏎ web-1  1/1  Running\"");
                });
        assertThat(Fixtures.inspector("kubectl-nodes").inspect(read(HEALTHY))).singleElement().satisfies(f ->
                assertThat(f.message()).startsWith("list entry is not a node with a name: "));
    }

    @Test
    void parsers_throwNothingButUnparseableOnOddShapes() {
        List<String> inputs = List.of("null", "{}", "[]", "{\"kind\":\"List\"}", "{\"kind\":\"List\",\"items\":{}}",
                "{\"kind\":\"List\",\"items\":[null]}", "{\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":7},"
                        + "\"status\":{\"conditions\":\"x\",\"containerStatuses\":[1,null,{\"restartCount\":\"9\","
                        + "\"state\":[],\"lastState\":{\"terminated\":{\"exitCode\":1e40}}}]}}]}",
                "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"yesterday\"},\"status\":5}",
                "{\"kind\":\"Node\",\"metadata\":{\"name\":\"n\"},\"status\":{\"conditions\":[{\"type\":null}]}}",
                "{".repeat(5000), "{} {}", "\u0000");
        for (String in : inputs) {
            try {
                PodListParser.parse(in);
            } catch (UnparseableOutputException refused) {
                // refusing is fine; anything else escaping is the bug this test looks for
            }
            try {
                NodeListParser.parse(in);
            } catch (UnparseableOutputException refused) {
                // as above
            }
        }
    }

    @Test
    void run_judgesNodesAndPodsThroughK3sKubectl() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new K8sPodsCheck(), ScriptedContext.host("k3s-1", "k3s-server"))
                .answer("get pods", read(HEALTHY))
                .answer("get nodes", NODES);

        List<Finding> findings = ctx.run();

        assertThat(findings).extracting(Finding::subject)
                .containsExactly("node/k3s-1", "node/k3s-2", "node/k3s-3", "node/k3s-4", "-");
        assertThat(only(findings, "-").message()).isEqualTo("11 pods running");
        Command pods = ctx.asked().get(0);
        assertThat(pods.argv()).containsExactly("k3s", "kubectl", "get", "pods", "-A", "-o", "json", "--request-timeout=20s");
        assertThat(pods.root()).isTrue();
    }

    @Test
    void run_withoutK3s_usesPlainKubectl() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new K8sPodsCheck(), ScriptedContext.host("k3s-1", "k3s-server"))
                .answer("k3s kubectl", 127, "", "sh: 1: k3s: not found\n")
                .answer("get pods", read(HEALTHY))
                .answer("get nodes", NODES);

        List<Finding> findings = ctx.run();

        assertThat(only(findings, "-").message()).isEqualTo("11 pods running");
        assertThat(ctx.asked()).extracting(c -> String.join(" ", c.argv())).containsExactly(
                "k3s kubectl get pods -A -o json --request-timeout=20s",
                "kubectl get pods -A -o json --request-timeout=20s",
                "k3s kubectl get nodes -o json --request-timeout=20s",
                "kubectl get nodes -o json --request-timeout=20s");
    }

    @Test
    void run_noApiServer_isUnknownNotOk() {
        ScriptedContext ctx = new ScriptedContext(new K8sPodsCheck(), ScriptedContext.host("k3s-1", "k3s-server"))
                .answer("get pods", 1, "", read(REFUSED));

        assertThatThrownBy(ctx::run).isInstanceOfSatisfying(UnparseableOutputException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("kubectl cannot reach the Kubernetes API server");
            assertThat(e.excerpt()).isEqualTo(
                    "\"The connection to the server localhost:8080 was refused - did you specify the right host or port?\"");
        });
    }

    @Test
    void run_kubectlMissing_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new K8sPodsCheck(), ScriptedContext.host("k3s-1", "k3s-server"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("kubectl is not installed or not on the PATH");
    }

    @Test
    void run_pendingMinutesComeFromTheThresholds() throws Exception {
        String pending = "{\"kind\":\"List\",\"items\":[" + pod("default", "p", "Pending", "2026-11-23T03:35:00Z", """
                {"type":"PodScheduled","status":"False","reason":"Unschedulable","lastTransitionTime":"2026-11-23T03:35:00Z"}""", "")
                + "]}";
        List<Finding> findings = new ScriptedContext(new K8sPodsCheck(), ScriptedContext.host("k3s-1", "k3s-server"))
                .answer("get pods", pending)
                .answer("get nodes", "{\"kind\":\"List\",\"items\":[]}")
                .thresholds(Map.of("pending-minutes", 60.0))
                .run();

        assertThat(only(findings, "default/p").severity()).isEqualTo(Severity.WARN);
        assertThat(only(findings, "default/p").message()).isEqualTo("pod default/p cannot be scheduled yet (25 min): Unschedulable");
    }

    @Test
    void appliesOnlyToTheServerNode() {
        assertThat(new K8sPodsCheck().appliesTo(ScriptedContext.host("a", "k3s-server"))).isTrue();
        assertThat(new K8sPodsCheck().appliesTo(ScriptedContext.host("b", "k3s"))).isFalse();
    }

    /** A minimal pod: conditions and the status tail are JSON fragments. */
    private static String pod(String ns, String name, String phase, String created, String conditions, String statusTail) {
        return "{\"kind\":\"Pod\",\"metadata\":{\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\",\"creationTimestamp\":\""
                + created + "\"},\"status\":{\"phase\":\"" + phase + "\",\"conditions\":[" + conditions + "]"
                + (statusTail.isEmpty() ? "" : "," + statusTail) + "}}";
    }

    private static List<Finding> pods(String... pods) {
        Findings f = new Findings(K8sPodsCheck.ID, "k3s-1");
        try {
            K8sPodsCheck.evaluatePods(PodListParser.parse("{\"kind\":\"List\",\"items\":[" + String.join(",", pods) + "]}"), NOW,
                    new Thresholds(K8sPodsCheck.ID, Map.of("pending-minutes", 10.0)), f);
        } catch (UnparseableOutputException e) {
            throw new AssertionError(e);
        }
        return f.list();
    }
}
