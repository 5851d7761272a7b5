package org.caretaker.check.k8s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code k8s-pods}: the pods of the whole cluster and its nodes, asked once from the server node. Pods that
 * crash-loop or cannot pull their image are critical; pods the scheduler cannot place are warnings that turn
 * critical after {@code pending-minutes}; healthy pods are counted in one line instead of listed.
 * Completed job pods are ignored.
 */
public final class K8sPodsCheck implements Check {
    public static final String ID = "k8s-pods";
    static final String CRASHLOOP = "runbook/k8s#crashloopbackoff";
    static final String IMAGEPULL = "runbook/k8s#imagepullbackoff";
    static final String PENDING = "runbook/k8s#pending-pods";
    static final String PVC_AFFINITY = "runbook/k8s#pvc-node-affinity";
    static final String OOMKILLED = "runbook/k8s#oomkilled";
    static final String NODE_NOT_READY = "runbook/k8s#node-not-ready";
    static final String FAILED = "runbook/k8s#failed-pods";
    static final String NOT_READY = "runbook/k8s#not-ready-pods";

    /**
     * k3s ships kubectl inside its own binary and points it at {@code /etc/rancher/k3s/k3s.yaml}; a separately
     * installed kubectl on the same node often has no kubeconfig and would ask localhost:8080. So k3s's is
     * preferred. The arguments are our own constants, passed as "$@".
     */
    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Kubernetes pods and nodes: crash loops, image pulls, unschedulable pods, OOM kills, NotReady nodes";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("k3s-server");
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged k3s-server";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of("pending-minutes", 10.0);
    }

    @Override
    public List<Inspector> inspectors() {
        // Saved output is judged as of now: a pod Pending in a saved file has been Pending at least that long.
        return List.of(
                new Inspector("kubectl-pods", "output of `kubectl get pods -A -o json`", ID, thresholdDefaults(),
                        (text, t, f) -> evaluatePods(PodListParser.parse(text), Instant.now(), t, f)),
                new Inspector("kubectl-nodes", "output of `kubectl get nodes -o json`", ID, thresholdDefaults(),
                        (text, t, f) -> evaluateNodes(NodeListParser.parse(text), Instant.now(), f)));
    }

    /** {@code k3s kubectl ...}, or {@code kubectl ...} when {@code k3s} is null: a program, never a script. */
    static Command kubectlCommand(String k3s, String... args) {
        List<String> argv = new ArrayList<>();
        if (k3s != null) {
            argv.add(k3s);
        }
        argv.add("kubectl");
        argv.addAll(List.of(args));
        argv.add("--request-timeout=20s");
        return new Command(argv, Duration.ofSeconds(30), "kubectl " + String.join(" ", args), false).asRoot();
    }

    /**
     * On a k3s server its bundled kubectl knows the cluster; a separately installed kubectl often has no
     * kubeconfig and asks localhost:8080. So k3s's first, a plain kubectl where k3s is not installed.
     */
    private static CommandOutput kubectl(CheckContext ctx, String... args) throws ExecException, InterruptedException {
        CommandOutput out = ctx.exec(kubectlCommand("k3s", args));
        return out.commandMissing() ? ctx.exec(kubectlCommand(null, args)) : out;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        List<Pod> pods = PodListParser.parse(succeeded(kubectl(ctx, "get", "pods", "-A", "-o", "json")));
        List<Node> nodes = NodeListParser.parse(succeeded(kubectl(ctx, "get", "nodes", "-o", "json")));
        Findings f = ctx.findings();
        evaluateNodes(nodes, ctx.now(), f);
        evaluatePods(pods, ctx.now(), ctx.thresholds(), f);
        return f.list();
    }

    private static String succeeded(CommandOutput out) throws UnparseableOutputException {
        ToolMissingException.check(out, "kubectl");
        if (out.exitCode() != 0) {
            KubectlErrors.check(out.stderr());
            throw new UnparseableOutputException("kubectl failed with exit code " + out.exitCode(), out.combined());
        }
        return out.stdout();
    }

    static void evaluateNodes(List<Node> nodes, Instant now, Findings f) {
        for (Node n : nodes) {
            String subject = "node/" + n.name();
            String since = n.since().map(s -> " for " + PodEvaluation.age(s, now)).orElse("");
            String why = n.readyMessage().isEmpty() ? "" : ": " + n.readyMessage();
            if (n.ready().equals("Unknown")) {
                f.crit(subject, "node " + n.name() + " is unreachable (Ready is Unknown" + since + ")" + why)
                        .runbook(NODE_NOT_READY);
            } else if (!n.ready().equals("True")) {
                f.crit(subject, "node " + n.name() + " is NotReady" + since + why).runbook(NODE_NOT_READY);
            } else if (!n.pressures().isEmpty()) {
                f.warn(subject, "node " + n.name() + " is Ready but reports " + String.join(", ", n.pressures()))
                        .runbook(NODE_NOT_READY);
            } else {
                f.ok(subject, "node " + n.name() + " is Ready" + (n.unschedulable() ? " (cordoned)" : ""))
                        .runbook(NODE_NOT_READY);
            }
        }
    }

    static void evaluatePods(List<Pod> pods, Instant now, Thresholds t, Findings f) {
        PodEvaluation.evaluate(pods, now, t.get("pending-minutes"), f);
    }
}
