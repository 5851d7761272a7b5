package org.caretaker.check.mounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code findmnt -J} (tree or {@code -l} list, any columns as long as target is one), the table findmnt
 * prints to a terminal (tree or list, with its header), and the raw list
 * {@code findmnt -rn -o TARGET,SOURCE,FSTYPE,OPTIONS}, where findmnt writes spaces and other unsafe bytes as
 * {@code \x20}. Entries come out in findmnt's order, parents before children, so for one target the last
 * entry is the one on top. Pure: text in, entries out.
 */
public final class FindmntParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW_HEADER = "TARGET SOURCE FSTYPE OPTIONS";
    private static final Pattern TABLE_HEADER = Pattern.compile("TARGET\\s{2,}\\S.*");
    private static final Pattern TREE = Pattern.compile("^[\\s│├└─|`-]*(?=/)");

    private FindmntParser() {
    }

    public static List<MountEntry> parse(String text) throws UnparseableOutputException {
        return parse(text, line -> { });
    }

    /** Like {@link #parse(String)}, handing lines of no known shape to {@code skip}. */
    public static List<MountEntry> parse(String text, Consumer<String> skip) throws UnparseableOutputException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new UnparseableOutputException("findmnt printed nothing", text);
        }
        List<MountEntry> entries;
        if (trimmed.startsWith("{")) {
            entries = parseJson(trimmed);
        } else if (TABLE_HEADER.matcher(trimmed.lines().findFirst().orElse("")).matches()) {
            entries = parseTable(trimmed.lines().toList(), skip);
        } else {
            entries = parseRaw(trimmed, skip);
            if (entries.isEmpty()) {
                throw new UnparseableOutputException(
                        "not findmnt output (no -J document, table under a TARGET header, or -r line TARGET SOURCE FSTYPE OPTIONS)", text);
            }
        }
        if (entries.isEmpty()) {
            throw new UnparseableOutputException("findmnt listed no filesystems", text);
        }
        return List.copyOf(entries);
    }

    private static List<MountEntry> parseJson(String text) throws UnparseableOutputException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new UnparseableOutputException("findmnt JSON does not parse", text);
        }
        JsonNode list = root == null ? null : root.get("filesystems");
        if (list == null || !list.isArray()) {
            throw new UnparseableOutputException("findmnt JSON has no \"filesystems\" list", text);
        }
        List<MountEntry> out = new ArrayList<>();
        // Explicit stack instead of recursion: the tree comes from outside, its depth is not ours to trust.
        Deque<JsonNode> todo = new ArrayDeque<>();
        pushReversed(todo, list);
        while (!todo.isEmpty()) {
            JsonNode fs = todo.pop();
            JsonNode target = fs.get("target");
            if (!fs.isObject() || target == null || !target.isTextual() || !target.asText().startsWith("/")) {
                throw new UnparseableOutputException("findmnt JSON entry without an absolute target", fs.toString());
            }
            out.add(new MountEntry(target.asText(), text(fs, "source"), text(fs, "fstype"), text(fs, "options")));
            JsonNode children = fs.get("children");
            if (children != null && children.isArray()) {
                pushReversed(todo, children);
            }
        }
        return out;
    }

    private static void pushReversed(Deque<JsonNode> todo, JsonNode array) {
        for (int i = array.size() - 1; i >= 0; i--) {
            todo.push(array.get(i));
        }
    }

    private static String text(JsonNode fs, String field) {
        JsonNode n = fs.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    /**
     * The table findmnt prints to a terminal, as a tree ({@code ├─/sys}, or {@code |-/sys} outside UTF-8) or
     * with {@code -l} as a list. Columns are left-aligned under the header, so each cell is cut at the header's
     * offsets; a row whose cells do not line up (a value wider than its column) is split at spaces instead.
     */
    private static List<MountEntry> parseTable(List<String> lines, Consumer<String> skip) {
        String header = lines.get(0);
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher word = Pattern.compile("\\S+").matcher(header);
        while (word.find()) {
            names.add(word.group());
            starts.add(word.start());
        }
        List<MountEntry> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = aligned(line, starts);
            if (cells == null) {
                Matcher tree = TREE.matcher(line);
                String rest = tree.lookingAt() ? line.substring(tree.end()) : line;
                cells = List.of(rest.strip().split("\\s+"));
            }
            if (cells.size() != names.size() || !TREE.matcher(cells.get(0)).replaceFirst("").startsWith("/")) {
                skip.accept(line);
                continue;
            }
            out.add(new MountEntry(TREE.matcher(cells.get(0)).replaceFirst(""), cell(names, cells, "SOURCE"),
                    cell(names, cells, "FSTYPE"), cell(names, cells, "OPTIONS")));
        }
        return out;
    }

    private static List<String> aligned(String line, List<Integer> starts) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) : line.length();
            if (from > line.length() || (from > 0 && !Character.isWhitespace(line.charAt(from - 1)))
                    || (i > 0 && from < line.length() && Character.isWhitespace(line.charAt(from)))) {
                return null;
            }
            cells.add(line.substring(from, Math.min(to, line.length())).strip());
        }
        return cells;
    }

    private static String cell(List<String> names, List<String> cells, String name) {
        int i = names.indexOf(name);
        return i < 0 ? "" : cells.get(i);
    }

    private static List<MountEntry> parseRaw(String text, Consumer<String> skip) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.strip().equals(RAW_HEADER)) {
                continue;
            }
            // Raw mode separates columns by one space and escapes spaces inside values, so an empty
            // column shows as two spaces in a row: split keeps it as an empty field.
            String[] cols = line.split(" ", -1);
            if (cols.length != 4 || !cols[0].startsWith("/")) {
                skip.accept(line);
                continue;
            }
            out.add(new MountEntry(unescape(cols[0]), unescape(cols[1]), unescape(cols[2]), unescape(cols[3])));
        }
        return out;
    }

    /** Undoes findmnt's {@code \xHH} byte escapes; the bytes are UTF-8. */
    static String unescape(String s) {
        if (s.indexOf("\\x") < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (i + 3 < s.length() && s.charAt(i) == '\\' && s.charAt(i + 1) == 'x'
                    && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0) {
                bytes.write(hex(s.charAt(i + 2)) * 16 + hex(s.charAt(i + 3)));
                i += 4;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
