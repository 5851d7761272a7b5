package org.caretaker.check.k8s;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One node as {@code kubectl get nodes -o json} described it.
 *
 * @param ready         the Ready condition's status: "True", "False", "Unknown", or empty when missing
 * @param readyReason   its reason, e.g. KubeletNotReady, NodeStatusUnknown
 * @param readyMessage  its message, e.g. "Kubelet stopped posting node status."
 * @param since         when the Ready condition last changed
 * @param pressures     conditions other than Ready that are True: MemoryPressure, DiskPressure, PIDPressure…
 * @param unschedulable the node is cordoned
 */
public record Node(String name, String ready, String readyReason, String readyMessage, Optional<Instant> since,
        List<String> pressures, boolean unschedulable) {

    public Node {
        pressures = List.copyOf(pressures);
    }
}
