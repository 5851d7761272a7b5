package org.caretaker.check.k8s;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code kubectl get pods -A -o json}: a {@code List} (or the API's {@code PodList}) of pods, or a
 * single {@code Pod} as {@code kubectl get pod NAME -o json} prints it.
 */
public final class PodListParser {
    private PodListParser() {
    }

    public static List<Pod> parse(String text) throws UnparseableOutputException {
        KubectlErrors.check(text);
        JsonNode root = Json.read(text.strip(), "kubectl JSON");
        String kind = Json.text(root.get("kind"));
        List<Pod> pods = new ArrayList<>();
        if (kind.equals("Pod")) {
            pods.add(pod(root, text));
        } else if (root.path("items").isArray() && (kind.equals("List") || kind.equals("PodList"))) {
            for (JsonNode item : root.path("items")) {
                pods.add(pod(item, text));
            }
        } else {
            throw new UnparseableOutputException("not a list of pods (kind " + (kind.isEmpty() ? "missing" : kind) + ")", text);
        }
        return List.copyOf(pods);
    }

    private static Pod pod(JsonNode p, String text) throws UnparseableOutputException {
        JsonNode meta = p.path("metadata");
        JsonNode status = p.path("status");
        String name = Json.text(meta.get("name"));
        String kind = Json.text(p.get("kind"));
        if (name.isEmpty() || !(kind.isEmpty() || kind.equals("Pod"))) {
            throw new UnparseableOutputException("list entry is not a pod with a name", text);
        }
        List<Pod.Condition> conditions = new ArrayList<>();
        for (JsonNode c : status.path("conditions")) {
            conditions.add(new Pod.Condition(Json.text(c.get("type")), Json.text(c.get("status")),
                    Json.text(c.get("reason")), Json.text(c.get("message")), Json.instant(c.get("lastTransitionTime"))));
        }
        List<Pod.ContainerStatus> containers = new ArrayList<>();
        for (JsonNode c : status.path("initContainerStatuses")) {
            containers.add(container(c, true));
        }
        for (JsonNode c : status.path("containerStatuses")) {
            containers.add(container(c, false));
        }
        return new Pod(Json.text(meta.get("namespace")), name, Json.text(status.get("phase")),
                Json.text(status.get("reason")), Json.text(status.get("message")),
                Json.instant(meta.get("creationTimestamp")), conditions, containers);
    }

    private static Pod.ContainerStatus container(JsonNode c, boolean init) {
        JsonNode waiting = c.path("state").path("waiting");
        JsonNode last = c.path("lastState").path("terminated");
        return new Pod.ContainerStatus(Json.text(c.get("name")), Json.text(c.get("image")), init,
                Json.flag(c.get("ready")), Json.integer(c.get("restartCount"), 0),
                Json.text(waiting.get("reason")), Json.text(waiting.get("message")),
                Json.text(last.get("reason")), Json.integer(last.get("exitCode"), -1));
    }
}
