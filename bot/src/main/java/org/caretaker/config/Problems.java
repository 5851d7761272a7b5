package org.caretaker.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects configuration problems so that one run of the loader reports all of them, not the first. */
public final class Problems {
    private final String source;
    private final List<String> list = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();

    public Problems(String source) {
        this.source = source;
    }

    public void add(String path, String problem) {
        list.add(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        paths.add(path);
    }

    public boolean hasProblemAt(String path) {
        return paths.contains(path);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() throws ConfigException {
        if (!list.isEmpty()) {
            throw new ConfigException(list);
        }
    }
}
