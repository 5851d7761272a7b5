package org.caretaker.check.k8s;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One pod as {@code kubectl get pods -o json} described it: its phase, conditions and container states.
 *
 * @param namespace  namespace
 * @param name       pod name
 * @param phase      Pending, Running, Succeeded, Failed or Unknown
 * @param reason     pod-level reason, e.g. "Evicted"; empty when none
 * @param message    pod-level message; empty when none
 * @param created    creation time, when known
 * @param conditions PodScheduled, Initialized, ContainersReady, Ready…
 * @param containers init containers first, then the regular ones
 */
public record Pod(
        String namespace,
        String name,
        String phase,
        String reason,
        String message,
        Optional<Instant> created,
        List<Condition> conditions,
        List<ContainerStatus> containers) {

    public Pod {
        conditions = List.copyOf(conditions);
        containers = List.copyOf(containers);
    }

    /** {@code namespace/name}, the way kubectl users name a pod. */
    public String subject() {
        return namespace + "/" + name;
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /**
     * One entry of {@code status.conditions}.
     *
     * @param status "True", "False" or "Unknown"
     * @param since  lastTransitionTime, when known
     */
    public record Condition(String type, String status, String reason, String message, Optional<Instant> since) {
    }

    /**
     * One entry of {@code status.containerStatuses} or {@code status.initContainerStatuses}.
     *
     * @param waitingReason      state.waiting.reason, e.g. CrashLoopBackOff, ImagePullBackOff; empty when not waiting
     * @param lastTerminatedReason lastState.terminated.reason, e.g. OOMKilled, Error; empty when it never ended
     * @param lastExitCode       lastState.terminated.exitCode, -1 when unknown
     */
    public record ContainerStatus(
            String name,
            String image,
            boolean init,
            boolean ready,
            int restartCount,
            String waitingReason,
            String waitingMessage,
            String lastTerminatedReason,
            int lastExitCode) {
    }
}
