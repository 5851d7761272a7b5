package org.caretaker.maintenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code snapraid.conf} the weekly preflight needs: where the parity and content files are and
 * which directory each data disk is. Read from the text {@code cat} printed; pure. Lines it does not know
 * (exclude, autosave, smartctl…) are skipped.
 *
 * @param parity  parity file paths of every level, in order ({@code parity}, {@code 2-parity}, … ; a split
 *                parity's comma-separated files each count)
 * @param content content file paths
 * @param data    data disk name → directory, e.g. {@code d1 → /mnt/disk1/}
 */
public record SnapraidConf(List<String> parity, List<String> content, Map<String, String> data) {

    public SnapraidConf {
        parity = List.copyOf(parity);
        content = List.copyOf(content);
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static SnapraidConf parse(String text) {
        List<String> parity = new ArrayList<>();
        List<String> content = new ArrayList<>();
        Map<String, String> data = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0];
            String value = kv[1].strip();
            if (key.equals("parity") || key.matches("[2-6]-parity") || key.equals("q-parity") || key.equals("r-parity")
                    || key.equals("z-parity")) {
                for (String p : value.split(",")) {
                    if (!p.isBlank()) {
                        parity.add(p.strip());
                    }
                }
            } else if (key.equals("content")) {
                content.add(value);
            } else if (key.equals("data") || key.equals("disk")) {
                String[] nd = value.split("\\s+", 2);
                if (nd.length == 2) {
                    data.put(nd[0], nd[1].strip());
                }
            }
        }
        return new SnapraidConf(parity, content, data);
    }

    /** What makes the file unusable as an array description, or empty. */
    public List<String> gaps() {
        List<String> out = new ArrayList<>();
        if (parity.isEmpty()) {
            out.add("no parity line");
        }
        if (content.isEmpty()) {
            out.add("no content line");
        }
        if (data.isEmpty()) {
            out.add("no data disk");
        }
        return out;
    }
}
