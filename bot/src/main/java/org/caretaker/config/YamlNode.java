package org.caretaker.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only view of one YAML node that knows its path ({@code hosts[2].port}) and reports every problem
 * it meets to {@link Problems} instead of throwing. Getters return a usable fallback after a problem, so
 * the loader walks the whole file and the user sees all mistakes at once.
 *
 * <p>String values may refer to secrets: {@code ${NAME}} reads an environment variable and
 * {@code ${file:PATH}} the content of a file (trailing newline removed). {@code ${NAME:-default}} is for
 * optional variables: the default is used when the variable is unset or empty, as in a shell.
 */
public final class YamlNode {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern REF = Pattern.compile("\\$\\{(file:)?([^}]+)}");

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Environment env;
    private final Set<String> read = new LinkedHashSet<>();

    /** Where {@code ${...}} references are resolved; tests pass their own. */
    public interface Environment {
        Optional<String> variable(String name);

        Optional<String> file(String path);
    }

    public YamlNode(JsonNode node, String path, Problems problems, Environment env) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        this.env = env;
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isArray() {
        return node.isArray();
    }

    public boolean isTextual() {
        return node.isTextual();
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public YamlNode get(String key) {
        read.add(key);
        return new YamlNode(node.get(key), child(key), problems, env);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void problem(String message) {
        problems.add(path, message);
    }

    /** Reports keys that no getter asked for: typos such as {@code adress} must not pass silently. */
    public void rejectUnknownKeys() {
        if (!node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!read.contains(k)) {
                problems.add(child(k), "unknown key; known: " + String.join(", ", read));
            }
        }
    }

    public boolean requireObject() {
        if (isMissing()) {
            return false;
        }
        if (!node.isObject()) {
            problem("must be a mapping (key: value), found " + describe());
            return false;
        }
        return true;
    }

    public String string(String key, String fallback) {
        YamlNode n = get(key);
        return n.isMissing() ? fallback : n.asString(fallback);
    }

    public String requiredString(String key) {
        YamlNode n = get(key);
        if (n.isMissing()) {
            problems.add(n.path, "is required");
            return "";
        }
        return n.asString("");
    }

    public String asString(String fallback) {
        if (!node.isValueNode()) {
            problem("must be a text value, found " + describe());
            return fallback;
        }
        return resolve(node.asText(), fallback);
    }

    private String resolve(String raw, String fallback) {
        Matcher m = REF.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(2).trim();
            Optional<String> value;
            if (m.group(1) != null) {
                value = env.file(name);
                if (value.isEmpty()) {
                    problem("cannot read secret file " + name);
                    ok = false;
                }
            } else if (name.contains(":-")) {
                int sep = name.indexOf(":-");
                String fallbackValue = name.substring(sep + 2);
                value = Optional.of(env.variable(name.substring(0, sep).trim()).filter(v -> !v.isEmpty()).orElse(fallbackValue));
            } else {
                value = env.variable(name);
                if (value.isEmpty()) {
                    problem("environment variable " + name + " is not set");
                    ok = false;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.orElse("")));
        }
        m.appendTail(out);
        return ok ? out.toString() : fallback;
    }

    public int integer(String key, int fallback, int min, int max) {
        YamlNode n = get(key);
        if (n.isMissing()) {
            return fallback;
        }
        String text = n.asString(null);
        if (text == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v < min || v > max) {
                n.problem("must be between " + min + " and " + max + ", found " + v);
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            n.problem("must be a whole number, found '" + text + "'");
            return fallback;
        }
    }

    public double number(double fallback) {
        String text = asString(null);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            problem("must be a number, found '" + text + "'");
            return fallback;
        }
    }

    public boolean bool(String key, boolean fallback) {
        YamlNode n = get(key);
        if (n.isMissing()) {
            return fallback;
        }
        String text = n.asString("");
        switch (text.trim().toLowerCase()) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                n.problem("must be true or false, found '" + text + "'");
                return fallback;
        }
    }

    /** A duration written as {@code 30s}, {@code 5m}, {@code 2h}, {@code 400d} or {@code 1500ms}. */
    public Duration duration(String key, Duration fallback) {
        YamlNode n = get(key);
        if (n.isMissing()) {
            return fallback;
        }
        String text = n.asString("");
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            n.problem("must be a duration such as 30s, 5m, 2h or 7d, found '" + text + "'");
            return fallback;
        }
        return d.get();
    }

    /** Items of a sequence; a missing key is an empty list, a non-sequence is a problem. */
    public List<YamlNode> list(String key) {
        YamlNode n = get(key);
        return n.items();
    }

    public List<YamlNode> items() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem("must be a list, found " + describe());
            return List.of();
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]", problems, env));
        }
        return out;
    }

    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : list(key)) {
            String s = item.asString(null);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Entries of a mapping in file order; a missing key gives no entries. */
    public List<Map.Entry<String, YamlNode>> entries() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isObject()) {
            problem("must be a mapping (key: value), found " + describe());
            return List.of();
        }
        List<Map.Entry<String, YamlNode>> out = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            read.add(k);
            out.add(Map.entry(k, new YamlNode(node.get(k), child(k), problems, env)));
        }
        return out;
    }

    /** Checks a value against a set of allowed ones and names them in the problem. */
    public <T> Optional<T> oneOf(String value, Map<String, T> allowed) {
        T t = allowed.get(value);
        if (t == null) {
            problem("unknown value '" + value + "'; known: " + String.join(", ", new TreeSet<>(allowed.keySet())));
            return Optional.empty();
        }
        return Optional.of(t);
    }

    public <T> List<T> map(List<YamlNode> nodes, Function<YamlNode, T> f) {
        List<T> out = new ArrayList<>();
        for (YamlNode n : nodes) {
            T t = f.apply(n);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private String describe() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    /**
     * Parses a whole file. Text that is not YAML is one problem at the file's root, with its line, and gives
     * empty; an empty file gives a missing root node. A key given twice in one mapping is a problem at its path.
     */
    public static Optional<YamlNode> read(String text, Problems problems, Environment env) {
        try {
            JsonNode root = YAML.readTree(text);
            DuplicateKeys.find(text, problems);
            return Optional.of(new YamlNode(root, "", problems, env));
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            problems.add("", where + "not valid YAML: " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /**
     * Builds a record from this node and turns the record's own validation failures into problems at this
     * node's path; returns null after a problem, so the caller skips the item and keeps reading.
     */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (Rules.InvalidValueException e) {
            for (String p : e.problems()) {
                int colon = p.indexOf(": ");
                String field = colon > 0 && !p.substring(0, colon).contains(" ") ? p.substring(0, colon) : "";
                String message = field.isEmpty() ? p : p.substring(colon + 2);
                String at = field.isEmpty() ? path : (path.isEmpty() ? field : path + "." + field);
                // A field already reported while reading (a required value that was missing) holds a fallback
                // now; the record's own complaint about that fallback would only repeat the first problem.
                if (!problems.hasProblemAt(at)) {
                    problems.add(at, message);
                }
            }
            return null;
        } catch (RuntimeException e) {
            problem(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return null;
        }
    }
}
