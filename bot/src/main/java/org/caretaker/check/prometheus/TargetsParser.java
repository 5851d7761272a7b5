package org.caretaker.check.prometheus;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses the answer of Prometheus' {@code GET /api/v1/targets}: {@code {"status":"success","data":
 * {"activeTargets":[…]}}}. Dropped targets are ignored (relabelling removed them on purpose). An API error
 * envelope ({@code "status":"error"}) is refused with Prometheus' own words.
 */
public final class TargetsParser {
    private TargetsParser() {
    }

    public static List<Target> parse(String text) throws UnparseableOutputException {
        JsonNode root = Json.read(text.strip(), "Prometheus API JSON");
        String status = Json.text(root.get("status"));
        if (status.equals("error")) {
            String type = Json.text(root.get("errorType"));
            throw new UnparseableOutputException("Prometheus answered with an error"
                    + (type.isEmpty() ? "" : " (" + type + ")") + ": " + Json.text(root.get("error")), text);
        }
        JsonNode active = root.path("data").path("activeTargets");
        if (!status.equals("success") || !active.isArray()) {
            throw new UnparseableOutputException("not an answer of /api/v1/targets (no data.activeTargets)", text);
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : active) {
            JsonNode labels = t.path("labels");
            String instance = Json.text(labels.get("instance"));
            String url = Json.text(t.get("scrapeUrl"));
            if (!t.isObject() || instance.isEmpty() && url.isEmpty()) {
                throw new UnparseableOutputException("an active target has neither an instance label nor a scrape URL", text);
            }
            targets.add(new Target(Json.text(labels.get("job")), instance.isEmpty() ? url : instance, url,
                    Json.text(t.get("health")), Json.text(t.get("lastError"))));
        }
        return List.copyOf(targets);
    }
}
