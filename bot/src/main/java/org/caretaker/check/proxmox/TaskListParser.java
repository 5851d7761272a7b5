package org.caretaker.check.proxmox;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code pvesh get /nodes/<node>/tasks … --output-format json}, bare or wrapped in {@code {"data": …}}.
 * Type and guest id are taken from the UPID ({@code UPID:node:pid:pstart:starttime:type:id:user:}) when the
 * entry lacks them.
 */
public final class TaskListParser {
    private TaskListParser() {
    }

    public static List<Task> parse(String text) throws UnparseableOutputException {
        List<Task> out = new ArrayList<>();
        for (JsonNode e : Json.readList(text, "task list")) {
            String upid = Json.text(e.get("upid"));
            double start = Json.number(e.get("starttime"));
            if (!e.isObject() || upid.isEmpty() || Double.isNaN(start)) {
                throw new UnparseableOutputException("task list entry has no upid or starttime", text);
            }
            String[] parts = upid.split(":", -1);
            String type = Json.text(e.get("type"));
            String guest = e.has("id") ? Json.text(e.get("id")) : parts.length > 6 ? parts[6] : "";
            double end = Json.number(e.get("endtime"));
            out.add(new Task(upid, type.isEmpty() && parts.length > 5 ? parts[5] : type, guest, epoch(start),
                    Double.isNaN(end) ? Optional.empty() : Optional.of(epoch(end)), Json.text(e.get("status"))));
        }
        return List.copyOf(out);
    }

    /** Seconds since the epoch, clamped so a nonsense value cannot overflow Instant. */
    private static Instant epoch(double seconds) {
        double clamped = Math.max(0, Math.min(seconds, 253402300799d));
        return Instant.ofEpochSecond((long) clamped);
    }
}
