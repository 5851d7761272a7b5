package org.caretaker.check.docker;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code docker inspect} output (a JSON array of containers) or a single container object as the
 * Engine API's {@code GET /containers/{id}/json} returns it. Reads the state block, the restart count, the
 * restart policy and the health-check status.
 */
public final class DockerInspectParser {
    private DockerInspectParser() {
    }

    public static List<Container> parse(String text) throws UnparseableOutputException {
        DaemonErrors.check(text);
        JsonNode root = Json.read(text.strip(), "docker inspect JSON");
        List<Container> out = new ArrayList<>();
        if (root.isObject()) {
            out.add(container(root, text));
        } else if (root.isArray()) {
            for (JsonNode c : root) {
                out.add(container(c, text));
            }
        } else {
            throw new UnparseableOutputException("docker inspect output is neither an array nor an object", text);
        }
        return List.copyOf(out);
    }

    private static Container container(JsonNode c, String text) throws UnparseableOutputException {
        JsonNode s = c.path("State");
        if (!c.isObject() || !s.isObject()) {
            throw new UnparseableOutputException("docker inspect entry has no State block", text);
        }
        String name = Json.text(c.get("Name"));
        name = name.startsWith("/") ? name.substring(1) : name;
        Container.State state = Container.State.of(Json.text(s.get("Status")));
        // Docker sets Restarting while a restart policy waits to start the container again; State.Status may
        // still say "exited" at that moment.
        if (Json.flag(s.get("Restarting"))) {
            state = Container.State.RESTARTING;
        }
        return new Container(
                Json.text(c.get("Id")),
                name,
                Json.text(c.path("Config").get("Image")),
                state,
                "",
                Json.integer(s.get("ExitCode"), -1),
                Json.text(s.path("Health").get("Status")),
                Json.integer(c.get("RestartCount"), -1),
                Json.text(c.path("HostConfig").path("RestartPolicy").get("Name")),
                Json.flag(s.get("OOMKilled")));
    }
}
