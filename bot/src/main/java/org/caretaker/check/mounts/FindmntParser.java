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
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code findmnt -J} (tree or {@code -l} list, any columns as long as target is one) and the raw list
 * {@code findmnt -rn -o TARGET,SOURCE,FSTYPE,OPTIONS}, where findmnt writes spaces and other unsafe bytes as
 * {@code \x20}. Entries come out in findmnt's order, parents before children, so for one target the last
 * entry is the one on top. Pure: text in, entries out.
 */
public final class FindmntParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW_HEADER = "TARGET SOURCE FSTYPE OPTIONS";

    private FindmntParser() {
    }

    public static List<MountEntry> parse(String text) throws UnparseableOutputException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new UnparseableOutputException("findmnt printed nothing", text);
        }
        List<MountEntry> entries = trimmed.startsWith("{") ? parseJson(trimmed) : parseRaw(trimmed);
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

    private static List<MountEntry> parseRaw(String text) throws UnparseableOutputException {
        List<MountEntry> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.strip().equals(RAW_HEADER)) {
                continue;
            }
            // Raw mode separates columns by one space and escapes spaces inside values, so an empty
            // column shows as two spaces in a row: split keeps it as an empty field.
            String[] cols = line.split(" ", -1);
            if (cols.length != 4 || !cols[0].startsWith("/")) {
                throw new UnparseableOutputException(
                        "not a findmnt -J document nor a findmnt -r line (TARGET SOURCE FSTYPE OPTIONS)", line);
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
