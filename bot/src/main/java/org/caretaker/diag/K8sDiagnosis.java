package org.caretaker.diag;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Json;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.k8s.K8sPodsCheck;
import org.caretaker.check.k8s.Node;
import org.caretaker.check.k8s.NodeListParser;
import org.caretaker.exec.Command;
import org.caretaker.exec.ExecException;

/**
 * {@code /diag k8s}: the pods check run now (pods not running, with their reasons; nodes), the cluster's recent
 * warning events, and persistent volumes pinned to a node that is gone or not Ready — the local-path volume
 * that keeps a pod Pending with "volume node affinity conflict" after its node was rebuilt.
 */
public final class K8sDiagnosis {
    public static final String CHECK = "diag-k8s";
    static final String EVENTS = "warning-events";
    static final String VOLUMES = "volumes";
    static final String NODES = "nodes";
    static final String PVC_AFFINITY = "runbook/k8s#pvc-node-affinity";
    static final String PENDING = "runbook/k8s#pending-pods";
    static final int MAX_EVENTS = 5;

    private K8sDiagnosis() {
    }

    static List<Finding> gather(Gathering g) throws ExecException, InterruptedException {
        List<Finding> out = new ArrayList<>(g.run(new K8sPodsCheck()));
        kubectl(g, EVENTS, "get", "events", "-A", "--field-selector", "type=Warning", "-o", "json");
        kubectl(g, VOLUMES, "get", "pv,pvc", "-A", "-o", "json");
        kubectl(g, NODES, "get", "nodes", "-o", "json");
        return out;
    }

    /** k3s's bundled kubectl knows the cluster on a k3s server; a plain kubectl where k3s is not installed. */
    private static void kubectl(Gathering g, String label, String... args) throws ExecException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("k3s", "kubectl"));
        argv.addAll(List.of(args));
        argv.add("--request-timeout=20s");
        Section s = g.ask(label, Command.of(argv).asRoot(), "k3s");
        if (!s.note().isEmpty() && s.note().contains("not installed")) {
            g.ask(label, Command.of(argv.subList(1, argv.size())).asRoot(), "kubectl");
        }
    }

    /** The last section with that label: the plain-kubectl retry when k3s was missing. */
    private static Optional<Section> latest(Bundle b, String label) {
        Section found = null;
        for (Section s : b.sections()) {
            if (s.label().equals(label)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    public static List<Finding> analyze(Bundle b) {
        Findings f = new Findings(CHECK, b.host());
        latest(b, EVENTS).ifPresent(s -> events(s, f));
        Optional<Section> nodes = latest(b, NODES);
        latest(b, VOLUMES).ifPresent(s -> volumes(s, nodes, f));
        return f.list();
    }

    private static void events(Section s, Findings f) {
        if (!s.succeeded()) {
            Gathering.reportMissing(s, f, "the cluster's warning events");
            return;
        }
        try {
            JsonNode items = Json.read(s.stdout(), "kubectl get events").path("items");
            List<JsonNode> list = new ArrayList<>();
            items.forEach(list::add);
            if (list.isEmpty()) {
                f.ok("events", "no warning events in the cluster's event history").runbook(PENDING);
                return;
            }
            list.sort(Comparator.comparing(K8sDiagnosis::eventTime).reversed());
            List<String> shown = new ArrayList<>();
            for (JsonNode e : list.subList(0, Math.min(MAX_EVENTS, list.size()))) {
                JsonNode o = e.path("involvedObject");
                shown.add(Json.text(e.path("reason")) + " " + Json.text(o.path("kind")).toLowerCase() + "/"
                        + Json.text(o.path("namespace")) + (Json.text(o.path("namespace")).isEmpty() ? "" : "/") + Json.text(o.path("name"))
                        + ": " + Excerpt.of(Json.text(e.path("message")), 100).replace("\"", ""));
            }
            f.warn("events", list.size() + " warning event" + (list.size() == 1 ? "" : "s") + "; latest: " + String.join(" | ", shown))
                    .metric("warning_events", list.size()).runbook(PENDING);
        } catch (UnparseableOutputException e) {
            f.unknown("events", "could not read the events: " + e.excerpt()).runbook(PENDING);
        }
    }

    private static Instant eventTime(JsonNode e) {
        for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
            Optional<Instant> t = Json.instant(e.path(field));
            if (t.isPresent()) {
                return t.get();
            }
        }
        return Instant.EPOCH;
    }

    private static void volumes(Section s, Optional<Section> nodesSection, Findings f) {
        if (!s.succeeded()) {
            Gathering.reportMissing(s, f, "the persistent volumes");
            return;
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        boolean nodesKnown = false;
        if (nodesSection.isPresent() && nodesSection.get().succeeded()) {
            try {
                for (Node n : NodeListParser.parse(nodesSection.get().stdout())) {
                    nodes.put(n.name(), n);
                }
                nodesKnown = true;
            } catch (UnparseableOutputException e) {
                nodesKnown = false;
            }
        }
        try {
            JsonNode items = Json.read(s.stdout(), "kubectl get pv,pvc").path("items");
            int pinned = 0;
            int problems = 0;
            for (JsonNode item : items) {
                String kind = Json.text(item.path("kind"));
                String name = Json.text(item.path("metadata").path("name"));
                if (kind.equals("PersistentVolumeClaim")) {
                    String phase = Json.text(item.path("status").path("phase"));
                    if (!phase.equals("Bound")) {
                        problems++;
                        f.warn("pvc/" + Json.text(item.path("metadata").path("namespace")) + "/" + name,
                                "claim " + name + " is " + (phase.isEmpty() ? "not bound" : phase)).runbook(PENDING);
                    }
                    continue;
                }
                if (!kind.equals("PersistentVolume")) {
                    continue;
                }
                List<String> hosts = pinnedNodes(item);
                if (hosts.isEmpty()) {
                    continue;
                }
                pinned++;
                JsonNode claim = item.path("spec").path("claimRef");
                String claimName = claim.isMissingNode() ? "no claim" : "claim " + Json.text(claim.path("namespace")) + "/" + Json.text(claim.path("name"));
                if (!nodesKnown) {
                    continue;
                }
                Optional<Node> ready = hosts.stream().map(nodes::get).filter(n -> n != null && n.ready().equals("True")).findFirst();
                if (ready.isEmpty()) {
                    problems++;
                    boolean exists = hosts.stream().anyMatch(nodes::containsKey);
                    f.crit("pv/" + name, "volume " + name + " (" + claimName + ") can only be used on " + String.join(", ", hosts)
                            + (exists ? ", which is not Ready" : ", which is not in the cluster any more")
                            + ": pods using it stay Pending with a volume node affinity conflict").runbook(PVC_AFFINITY);
                }
            }
            if (problems == 0) {
                f.ok("volumes", pinned + " volume" + (pinned == 1 ? "" : "s") + " pinned to a node"
                        + (nodesKnown ? ", each on a Ready node" : "") + "; every claim is bound").runbook(PVC_AFFINITY);
            }
        } catch (UnparseableOutputException e) {
            f.unknown("volumes", "could not read the volumes: " + e.excerpt()).runbook(PVC_AFFINITY);
        }
    }

    /** Node names a volume's required node affinity allows ({@code kubernetes.io/hostname In [...]}). */
    static List<String> pinnedNodes(JsonNode pv) {
        List<String> out = new ArrayList<>();
        for (JsonNode term : pv.path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms")) {
            for (JsonNode expr : term.path("matchExpressions")) {
                if (Json.text(expr.path("key")).equals("kubernetes.io/hostname") && Json.text(expr.path("operator")).equals("In")) {
                    expr.path("values").forEach(v -> out.add(v.asText()));
                }
            }
        }
        return out;
    }
}
