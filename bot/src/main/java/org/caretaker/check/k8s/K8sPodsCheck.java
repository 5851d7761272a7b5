package org.caretaker.check.k8s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Excerpt;
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
    static final String KUBECTL = "if command -v k3s >/dev/null 2>&1; then exec k3s kubectl \"$@\"; fi; exec kubectl \"$@\"";
    private static final Set<String> IMAGE_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> START_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError", "PreStartHookError", "PostStartHookError");

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

    static Command kubectl(String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", KUBECTL, "kubectl"));
        argv.addAll(List.of(args));
        argv.add("--request-timeout=20s");
        return new Command(argv, Duration.ofSeconds(30), "kubectl " + String.join(" ", args), false).asRoot();
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        List<Pod> pods = PodListParser.parse(succeeded(ctx.exec(kubectl("get", "pods", "-A", "-o", "json"))));
        List<Node> nodes = NodeListParser.parse(succeeded(ctx.exec(kubectl("get", "nodes", "-o", "json"))));
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
            String since = n.since().map(s -> " for " + age(s, now)).orElse("");
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
        double pendingMinutes = t.get("pending-minutes");
        int running = 0;
        int starting = 0;
        int completed = 0;
        for (Pod p : pods) {
            if (p.phase().equals("Succeeded")) {
                completed++;
            } else if (!judge(p, now, pendingMinutes, f)) {
                if (p.phase().equals("Running") && isReady(p)) {
                    running++;
                } else {
                    starting++;
                }
            }
        }
        if (pods.isEmpty()) {
            f.ok("-", "no pods in the cluster").runbook(CRASHLOOP);
        } else if (running + starting + completed > 0) {
            f.ok("-", plural(running, "pod") + " running" + (starting > 0 ? ", " + starting + " starting" : "")
                            + (completed > 0 ? ", " + completed + " completed" : ""))
                    .metric("pods_running", running).metric("pods_starting", starting).metric("pods_completed", completed)
                    .runbook(CRASHLOOP);
        }
    }

    /** Adds a finding when the pod is in trouble; false when it is fine or still within its grace time. */
    private static boolean judge(Pod p, Instant now, double pendingMinutes, Findings f) {
        String pod = "pod " + p.subject();
        for (Pod.ContainerStatus c : p.containers()) {
            String who = (c.init() ? "init container " : "container ") + c.name();
            if (c.waitingReason().equals("CrashLoopBackOff")) {
                f.crit(p.subject(), pod + " is in CrashLoopBackOff: " + who + " restarted " + plural(c.restartCount(), "time")
                                + lastTermination(c))
                        .metric("restart_count", c.restartCount()).runbook(CRASHLOOP);
                return true;
            }
            if (IMAGE_REASONS.contains(c.waitingReason())) {
                String detail = c.waitingMessage().isEmpty() || c.waitingMessage().startsWith("Back-off pulling image")
                        ? "" : ": " + shorten(c.waitingMessage());
                f.crit(p.subject(), pod + " cannot pull image " + c.image() + " (" + c.waitingReason() + ")" + detail)
                        .runbook(IMAGEPULL);
                return true;
            }
            if (START_REASONS.contains(c.waitingReason())) {
                f.crit(p.subject(), pod + " cannot start " + who + ": " + c.waitingReason()
                        + (c.waitingMessage().isEmpty() ? "" : ": " + shorten(c.waitingMessage()))).runbook(CRASHLOOP);
                return true;
            }
        }
        switch (p.phase()) {
            case "Pending" -> {
                return pending(p, now, pendingMinutes, f);
            }
            case "Failed" -> {
                String why = p.reason().isEmpty() ? "" : ": " + p.reason()
                        + (p.message().isEmpty() ? "" : ": " + shorten(p.message()));
                f.warn(p.subject(), pod + " failed" + why).runbook(FAILED);
                return true;
            }
            case "Unknown" -> {
                f.warn(p.subject(), pod + " is in phase Unknown: its node stopped reporting").runbook(NODE_NOT_READY);
                return true;
            }
            default -> {
                // Running (or a phase newer than this code): look at past OOM kills and readiness.
            }
        }
        for (Pod.ContainerStatus c : p.containers()) {
            if (c.lastTerminatedReason().equals("OOMKilled")) {
                f.warn(p.subject(), pod + ": container " + c.name() + " was killed for running out of memory (OOMKilled"
                                + (c.lastExitCode() >= 0 ? ", exit code " + c.lastExitCode() : "") + "), "
                                + plural(c.restartCount(), "restart") + " so far")
                        .metric("restart_count", c.restartCount()).runbook(OOMKILLED);
                return true;
            }
        }
        Optional<Pod.Condition> ready = p.condition("Ready");
        if (p.phase().equals("Running") && ready.isPresent() && !ready.get().status().equals("True")) {
            Optional<Instant> since = ready.get().since();
            if (since.isPresent() && minutes(since.get(), now) >= pendingMinutes) {
                String why = ready.get().message().isEmpty() ? "" : ": " + shorten(ready.get().message());
                f.warn(p.subject(), pod + " has been running but not ready for " + age(since.get(), now) + why)
                        .metric("not_ready_minutes", minutes(since.get(), now)).runbook(NOT_READY);
                return true;
            }
        }
        return false;
    }

    private static boolean pending(Pod p, Instant now, double pendingMinutes, Findings f) {
        String pod = "pod " + p.subject();
        Optional<Pod.Condition> scheduled = p.condition("PodScheduled");
        if (scheduled.isPresent() && scheduled.get().status().equals("False")) {
            Pod.Condition c = scheduled.get();
            Instant since = c.since().or(p::created).orElse(now);
            long minutes = minutes(since, now);
            String runbook = c.message().contains("volume node affinity conflict") ? PVC_AFFINITY : PENDING;
            String why = c.message().isEmpty() ? c.reason() : shorten(c.message());
            if (minutes >= pendingMinutes) {
                f.crit(p.subject(), pod + " has been unschedulable for " + age(since, now) + " (critical after "
                        + fmt(pendingMinutes) + " min): " + why).metric("pending_minutes", minutes).runbook(runbook);
            } else {
                f.warn(p.subject(), pod + " cannot be scheduled yet (" + age(since, now) + "): " + why)
                        .metric("pending_minutes", minutes).runbook(runbook);
            }
            return true;
        }
        Optional<Instant> since = p.created();
        if (since.isPresent() && minutes(since.get(), now) >= pendingMinutes) {
            String waiting = p.containers().stream().filter(c -> !c.waitingReason().isEmpty())
                    .map(c -> ": container " + c.name() + " is waiting (" + c.waitingReason() + ")").findFirst().orElse("");
            f.warn(p.subject(), pod + " has been Pending for " + age(since.get(), now) + " (warning after "
                    + fmt(pendingMinutes) + " min)" + waiting).metric("pending_minutes", minutes(since.get(), now))
                    .runbook(PENDING);
            return true;
        }
        return false;
    }

    private static boolean isReady(Pod p) {
        return p.condition("Ready").map(c -> c.status().equals("True"))
                .orElse(p.containers().stream().filter(c -> !c.init()).allMatch(Pod.ContainerStatus::ready));
    }

    private static String lastTermination(Pod.ContainerStatus c) {
        if (c.lastTerminatedReason().isEmpty() && c.lastExitCode() < 0) {
            return "";
        }
        String reason = c.lastTerminatedReason().isEmpty() ? "terminated" : c.lastTerminatedReason();
        return ", last exit " + reason + (c.lastExitCode() >= 0 ? " (code " + c.lastExitCode() + ")" : "");
    }

    private static long minutes(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMinutes());
    }

    /** "7 min", "5 h", "12 days": precise enough for a phone. */
    static String age(Instant since, Instant now) {
        long m = minutes(since, now);
        if (m < 120) {
            return m + " min";
        }
        if (m < 48 * 60) {
            return m / 60 + " h";
        }
        return m / (24 * 60) + " days";
    }

    /** Messages from the API can be long (scheduler reasons for every node); a phone line needs a cut. */
    private static String shorten(String s) {
        String e = Excerpt.of(s, 300);
        return e.substring(1, e.length() - 1);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
