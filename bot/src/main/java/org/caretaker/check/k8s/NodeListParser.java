package org.caretaker.check.k8s;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.UnparseableOutputException;

/** Parses {@code kubectl get nodes -o json}: a {@code List} or {@code NodeList}, or a single {@code Node}. */
public final class NodeListParser {
    private NodeListParser() {
    }

    public static List<Node> parse(String text) throws UnparseableOutputException {
        KubectlErrors.check(text);
        JsonNode root = Json.read(text.strip(), "kubectl JSON");
        String kind = Json.text(root.get("kind"));
        List<Node> nodes = new ArrayList<>();
        if (kind.equals("Node")) {
            nodes.add(node(root, text));
        } else if (root.path("items").isArray() && (kind.equals("List") || kind.equals("NodeList"))) {
            for (JsonNode item : root.path("items")) {
                nodes.add(node(item, text));
            }
        } else {
            throw new UnparseableOutputException("not a list of nodes (kind " + (kind.isEmpty() ? "missing" : kind) + ")", text);
        }
        return List.copyOf(nodes);
    }

    private static Node node(JsonNode n, String text) throws UnparseableOutputException {
        String name = Json.text(n.path("metadata").get("name"));
        String kind = Json.text(n.get("kind"));
        if (name.isEmpty() || !(kind.isEmpty() || kind.equals("Node"))) {
            throw new UnparseableOutputException("list entry is not a node with a name", text);
        }
        String ready = "";
        String reason = "";
        String message = "";
        Optional<Instant> since = Optional.empty();
        List<String> pressures = new ArrayList<>();
        for (JsonNode c : n.path("status").path("conditions")) {
            String type = Json.text(c.get("type"));
            String status = Json.text(c.get("status"));
            if (type.equals("Ready")) {
                ready = status;
                reason = Json.text(c.get("reason"));
                message = Json.text(c.get("message"));
                since = Json.instant(c.get("lastTransitionTime"));
            } else if (status.equals("True") && !type.isEmpty()) {
                pressures.add(type);
            }
        }
        return new Node(name, ready, reason, message, since, pressures, Json.flag(n.path("spec").get("unschedulable")));
    }
}
