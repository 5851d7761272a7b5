package org.caretaker.check.docker;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses the container list in either of its two JSON spellings: one object per line from
 * {@code docker ps --format '{{json .}}'} (Names is a comma-separated string), or the Engine API's
 * {@code GET /containers/json?all=1} array (Names is a list of "/name"). No output at all means no
 * containers. Exit code, health and state are read from the human Status when the fields are missing,
 * as they are in older docker versions.
 */
public final class DockerPsParser {
    private static final Pattern EXIT = Pattern.compile("^(?:Exited|Restarting) \\((-?\\d{1,9})\\)");

    private DockerPsParser() {
    }

    public static List<Container> parse(String text) throws UnparseableOutputException {
        DaemonErrors.check(text);
        String body = text.strip();
        List<Container> out = new ArrayList<>();
        if (body.isEmpty()) {
            return out;
        }
        if (body.startsWith("[")) {
            JsonNode list = Json.read(body, "docker container list JSON");
            for (JsonNode c : list) {
                out.add(container(c, body));
            }
            return List.copyOf(out);
        }
        for (String line : body.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            out.add(container(Json.read(line, "docker ps JSON line"), line));
        }
        return List.copyOf(out);
    }

    private static Container container(JsonNode c, String source) throws UnparseableOutputException {
        if (!c.isObject()) {
            throw new UnparseableOutputException("docker ps entry is not a JSON object", source);
        }
        String id = Json.text(c.has("ID") ? c.get("ID") : c.get("Id"));
        String name = name(c.get("Names"));
        if (id.isEmpty() && name.isEmpty()) {
            throw new UnparseableOutputException("docker ps entry has neither ID nor Names", source);
        }
        String status = Json.text(c.get("Status"));
        Container.State state = Container.State.of(Json.text(c.get("State")));
        if (state == Container.State.UNKNOWN) {
            state = stateFromStatus(status);
        }
        return new Container(id, name, Json.text(c.get("Image")), state, status, exitCode(status), health(status),
                -1, "", false);
    }

    /** The container's own name: the first one without a '/' (others are legacy link aliases). */
    private static String name(JsonNode names) {
        List<String> all = new ArrayList<>();
        if (names != null && names.isArray()) {
            for (JsonNode n : names) {
                all.add(Json.text(n));
            }
        } else {
            all.addAll(List.of(Json.text(names).split(",")));
        }
        String first = "";
        for (String n : all) {
            String s = n.strip();
            s = s.startsWith("/") ? s.substring(1) : s;
            if (first.isEmpty()) {
                first = s;
            }
            if (!s.isEmpty() && !s.contains("/")) {
                return s;
            }
        }
        return first;
    }

    static Container.State stateFromStatus(String status) {
        if (status.startsWith("Up")) {
            return status.contains("(Paused)") ? Container.State.PAUSED : Container.State.RUNNING;
        }
        if (status.startsWith("Restarting")) {
            return Container.State.RESTARTING;
        }
        if (status.startsWith("Exited")) {
            return Container.State.EXITED;
        }
        if (status.startsWith("Created")) {
            return Container.State.CREATED;
        }
        if (status.startsWith("Dead")) {
            return Container.State.DEAD;
        }
        if (status.startsWith("Removal")) {
            return Container.State.REMOVING;
        }
        return Container.State.UNKNOWN;
    }

    private static int exitCode(String status) {
        Matcher m = EXIT.matcher(status);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String health(String status) {
        if (status.contains("(unhealthy)")) {
            return "unhealthy";
        }
        if (status.contains("(healthy)")) {
            return "healthy";
        }
        if (status.contains("(health: starting)")) {
            return "starting";
        }
        return "";
    }
}
