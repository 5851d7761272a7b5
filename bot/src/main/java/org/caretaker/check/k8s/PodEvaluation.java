package org.caretaker.check.k8s;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Numbers;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Findings;

/**
 * Judges pods one by one for {@link K8sPodsCheck}: at most one finding per pod in trouble, and one summary
 * line counting the rest. A pod still inside its grace time ({@code pending-minutes}) counts as starting.
 */
final class PodEvaluation {
    private static final Set<String> IMAGE_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> START_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError", "PreStartHookError", "PostStartHookError");

    private PodEvaluation() {
    }

    static void evaluate(List<Pod> pods, Instant now, double pendingMinutes, Findings f) {
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
            f.ok("-", "no pods in the cluster").runbook(K8sPodsCheck.CRASHLOOP);
        } else if (running + starting + completed > 0) {
            f.ok("-", plural(running, "pod") + " running" + (starting > 0 ? ", " + starting + " starting" : "")
                            + (completed > 0 ? ", " + completed + " completed" : ""))
                    .metric("pods_running", running).metric("pods_starting", starting).metric("pods_completed", completed)
                    .runbook(K8sPodsCheck.CRASHLOOP);
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
                        .metric("restart_count", c.restartCount()).runbook(K8sPodsCheck.CRASHLOOP);
                return true;
            }
            if (IMAGE_REASONS.contains(c.waitingReason())) {
                String detail = c.waitingMessage().isEmpty() || c.waitingMessage().startsWith("Back-off pulling image")
                        ? "" : ": " + shorten(c.waitingMessage());
                f.crit(p.subject(), pod + " cannot pull image " + c.image() + " (" + c.waitingReason() + ")" + detail)
                        .runbook(K8sPodsCheck.IMAGEPULL);
                return true;
            }
            if (START_REASONS.contains(c.waitingReason())) {
                f.crit(p.subject(), pod + " cannot start " + who + ": " + c.waitingReason()
                        + (c.waitingMessage().isEmpty() ? "" : ": " + shorten(c.waitingMessage())))
                        .runbook(K8sPodsCheck.CRASHLOOP);
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
                f.warn(p.subject(), pod + " failed" + why).runbook(K8sPodsCheck.FAILED);
                return true;
            }
            case "Unknown" -> {
                f.warn(p.subject(), pod + " is in phase Unknown: its node stopped reporting")
                        .runbook(K8sPodsCheck.NODE_NOT_READY);
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
                        .metric("restart_count", c.restartCount()).runbook(K8sPodsCheck.OOMKILLED);
                return true;
            }
        }
        Optional<Pod.Condition> ready = p.condition("Ready");
        if (p.phase().equals("Running") && ready.isPresent() && !ready.get().status().equals("True")) {
            Optional<Instant> since = ready.get().since();
            if (since.isPresent() && minutes(since.get(), now) >= pendingMinutes) {
                String why = ready.get().message().isEmpty() ? "" : ": " + shorten(ready.get().message());
                f.warn(p.subject(), pod + " has been running but not ready for " + age(since.get(), now) + why)
                        .metric("not_ready_minutes", minutes(since.get(), now)).runbook(K8sPodsCheck.NOT_READY);
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
            String runbook = c.message().contains("volume node affinity conflict")
                    ? K8sPodsCheck.PVC_AFFINITY : K8sPodsCheck.PENDING;
            String why = c.message().isEmpty() ? c.reason() : shorten(c.message());
            if (minutes >= pendingMinutes) {
                f.crit(p.subject(), pod + " has been unschedulable for " + age(since, now) + " (critical after "
                        + Numbers.format(pendingMinutes) + " min): " + why).metric("pending_minutes", minutes).runbook(runbook);
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
                    + Numbers.format(pendingMinutes) + " min)" + waiting).metric("pending_minutes", minutes(since.get(), now))
                    .runbook(K8sPodsCheck.PENDING);
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
    static String shorten(String s) {
        String e = Excerpt.of(s, 300);
        return e.substring(1, e.length() - 1);
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

}
