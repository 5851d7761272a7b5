package org.caretaker.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds every key given twice in one mapping ({@code {local: true, local: false}}, two {@code access:} blocks).
 * A YAML tree keeps only the last, so the configuration would silently differ from the file; each one is a
 * problem at its path, listed with the rest. The tree parser reports malformed YAML; this pass only looks at keys.
 */
final class DuplicateKeys {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private DuplicateKeys() {
    }

    /** One open mapping or sequence: its path, the keys seen with their lines, the next sequence index. */
    private static final class Level {
        final String path;
        final boolean sequence;
        final Map<String, Integer> keys = new HashMap<>();
        int index;
        String key;

        Level(String path, boolean sequence) {
            this.path = path;
            this.sequence = sequence;
        }

        /** The path of the value that starts next in this level. */
        String child() {
            if (sequence) {
                return path + "[" + index++ + "]";
            }
            return path.isEmpty() ? key : path + "." + key;
        }
    }

    static void find(String text, Problems problems) {
        Deque<Level> open = new ArrayDeque<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Level here = open.peek();
                switch (t) {
                    case FIELD_NAME -> {
                        String key = p.currentName();
                        int line = p.currentLocation().getLineNr();
                        Integer first = here.keys.putIfAbsent(key, line);
                        here.key = key;
                        if (first != null) {
                            String at = here.path.isEmpty() ? key : here.path + "." + key;
                            problems.add(at, "duplicate key '" + key + "' (line " + line + ", first on line " + first
                                    + "); YAML would keep only the last, so say it once");
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String path = here == null ? "" : here.child();
                        open.push(new Level(path, t == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> open.pop();
                    default -> {
                        if (here != null && here.sequence) {
                            here.index++;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Malformed YAML: the tree parser says where, once.
        }
    }
}
