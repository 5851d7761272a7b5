package org.caretaker.site.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of YAML that front matter uses: {@code key: value} scalars (plain or quoted), flow lists
 * {@code [a, b]} and block lists ({@code - a}). Anything else is an error naming the line. A full YAML parser
 * costs more to start than parsing a thousand pages' front matter takes with this.
 */
final class FrontMatterParser {
    private FrontMatterParser() {
    }

    /**
     * @param firstLine the file line of the YAML's first line, for messages
     * @return key → String or List&lt;String&gt;
     */
    static Map<String, Object> parse(String source, String yaml, int firstLine) {
        Map<String, Object> values = new LinkedHashMap<>();
        String[] lines = yaml.split("\n", -1);
        String listKey = null;
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).stripTrailing();
            int at = firstLine + i;
            if (line.isBlank()) {
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("- ") || trimmed.equals("-")) {
                if (listKey == null) {
                    throw problem(source, at, "a list item without a key above it");
                }
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) values.get(listKey);
                list.add(scalar(source, at, trimmed.substring(1).strip()));
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                throw problem(source, at, "nested values are not supported in front matter");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw problem(source, at, "expected 'key: value'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty()) {
                values.put(key, new ArrayList<String>());
                listKey = key;
            } else if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close > 0 && value.substring(close + 1).strip().startsWith("#")) {
                    value = value.substring(0, close + 1);
                }
                if (!value.endsWith("]")) {
                    throw problem(source, at, "a list that starts with [ must end with ] on the same line");
                }
                List<String> list = new ArrayList<>();
                String inner = value.substring(1, value.length() - 1).strip();
                if (!inner.isEmpty()) {
                    for (String item : inner.split(",", -1)) {
                        list.add(scalar(source, at, item.strip()));
                    }
                }
                values.put(key, list);
                listKey = null;
            } else {
                values.put(key, scalar(source, at, value));
                listKey = null;
            }
        }
        return values;
    }

    /** Drops a whole-line comment; inline comments are dropped by {@link #scalar}. */
    private static String stripComment(String line) {
        return line.stripLeading().startsWith("#") ? "" : line;
    }

    private static String scalar(String source, int line, String v) {
        if (v.startsWith("\"") || v.startsWith("'")) {
            char q = v.charAt(0);
            StringBuilder sb = new StringBuilder();
            int i = 1;
            for (; i < v.length(); i++) {
                char c = v.charAt(i);
                if (q == '"' && c == '\\' && i + 1 < v.length()) {
                    sb.append(v.charAt(++i));
                } else if (c == q && q == '\'' && i + 1 < v.length() && v.charAt(i + 1) == '\'') {
                    sb.append('\'');
                    i++;
                } else if (c == q) {
                    break;
                } else {
                    sb.append(c);
                }
            }
            String rest = i < v.length() ? v.substring(i + 1).strip() : null;
            if (rest == null || !(rest.isEmpty() || rest.startsWith("#"))) {
                throw problem(source, line, "unterminated or malformed quoted value " + v);
            }
            return sb.toString();
        }
        int comment = v.indexOf(" #");
        String plain = (comment < 0 ? v : v.substring(0, comment)).strip();
        if (plain.startsWith("{") || plain.startsWith("&") || plain.startsWith("*") || plain.startsWith("|")
                || plain.startsWith(">")) {
            throw problem(source, line, "unsupported YAML value " + plain);
        }
        return plain;
    }

    private static SiteBuildException problem(String source, int line, String what) {
        return new SiteBuildException(List.of(source + ":" + line + ": front matter: " + what));
    }
}
