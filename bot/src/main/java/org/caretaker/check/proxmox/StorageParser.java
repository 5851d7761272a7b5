package org.caretaker.check.proxmox;

import org.caretaker.check.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code pvesh get /nodes/<node>/storage --output-format json} (entries with storage, type, enabled,
 * active, used, total, used_fraction), bare or wrapped in the API's {@code {"data": …}}. Also reads the
 * storage entries of {@code /cluster/resources} (type "storage", status "available", disk, maxdisk) and
 * skips that list's nodes and guests.
 */
public final class StorageParser {
    private StorageParser() {
    }

    public static List<Storage> parse(String text) throws UnparseableOutputException {
        List<Storage> out = new ArrayList<>();
        for (JsonNode e : Json.readList(text, "storage list")) {
            if (!e.isObject()) {
                throw new UnparseableOutputException("storage list entry is not an object", text);
            }
            if (Json.text(e.get("id")).contains("/")) {
                if (Json.text(e.get("type")).equals("storage")) {
                    out.add(fromClusterResource(e));
                }
                continue;
            }
            String name = Json.text(e.get("storage"));
            if (name.isEmpty()) {
                throw new UnparseableOutputException("storage list entry has no storage name", text);
            }
            out.add(new Storage("", name, Json.text(e.get("type")), Json.flag(e.get("enabled"), true),
                    Json.flag(e.get("active"), false), Json.number(e.get("used_fraction")), Json.number(e.get("used")),
                    Json.number(e.get("total")), Json.text(e.get("content"))));
        }
        return List.copyOf(out);
    }

    /** Cluster resources list only enabled storage; "available" is the only status that means usable. */
    private static Storage fromClusterResource(JsonNode e) {
        return new Storage(Json.text(e.get("node")), Json.text(e.get("storage")), Json.text(e.get("plugintype")), true,
                Json.text(e.get("status")).equals("available"), Double.NaN, Json.number(e.get("disk")),
                Json.number(e.get("maxdisk")), Json.text(e.get("content")));
    }
}
