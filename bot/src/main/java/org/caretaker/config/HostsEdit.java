package org.caretaker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends one host entry to the {@code hosts:} list of a {@code caretaker.yaml} by editing its text, so every
 * comment, blank line and key order the user wrote stays as it was (a YAML tree would drop the comments). The
 * entry takes the indentation the file already uses for its hosts. Pure: text in, text out.
 */
public final class HostsEdit {
    private static final Pattern HOSTS_KEY = Pattern.compile("^hosts:\\s*(\\[\\s*\\])?\\s*(#.*)?$");
    private static final Pattern ITEM = Pattern.compile("^( *)- ");

    /** The text before and after the edit. */
    public record Edit(String before, String after) {

        /** A unified diff of the edit with up to three lines of context, as {@code diff -u} shows it. */
        public String diff(String fileName) {
            String[] old = lines(before);
            String[] now = lines(after);
            int pre = 0;
            while (pre < old.length && pre < now.length && old[pre].equals(now[pre])) {
                pre++;
            }
            int post = 0;
            while (post < old.length - pre && post < now.length - pre
                    && old[old.length - 1 - post].equals(now[now.length - 1 - post])) {
                post++;
            }
            int from = Math.max(0, pre - 3);
            int tail = Math.min(post, 3);
            int oldEnd = old.length - post;
            int newEnd = now.length - post;
            StringBuilder sb = new StringBuilder();
            sb.append("--- ").append(fileName).append('\n').append("+++ ").append(fileName).append('\n');
            sb.append("@@ -").append(from + 1).append(',').append(oldEnd + tail - from)
                    .append(" +").append(from + 1).append(',').append(newEnd + tail - from).append(" @@\n");
            for (int i = from; i < pre; i++) {
                sb.append(' ').append(old[i]).append('\n');
            }
            for (int i = pre; i < oldEnd; i++) {
                sb.append('-').append(old[i]).append('\n');
            }
            for (int i = pre; i < newEnd; i++) {
                sb.append('+').append(now[i]).append('\n');
            }
            for (int i = oldEnd; i < oldEnd + tail; i++) {
                sb.append(' ').append(old[i]).append('\n');
            }
            return sb.toString();
        }
    }

    private HostsEdit() {
    }

    /**
     * @param entry the entry's lines as {@code Proposal.yaml} writes them, with the dash at column 0; they are
     *              shifted to the file's own indentation of host items
     */
    public static Edit append(String text, List<String> entry) {
        String[] lines = lines(text);
        int key = -1;
        for (int i = 0; i < lines.length; i++) {
            if (HOSTS_KEY.matcher(lines[i]).matches()) {
                key = i;
                break;
            }
        }
        List<String> out = new ArrayList<>(List.of(lines));
        if (key < 0) {
            // No hosts list yet: start one at the end, with the two-space indentation of the shipped examples.
            List<String> block = new ArrayList<>();
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                block.add("");
            }
            block.add("hosts:");
            block.addAll(shift(entry, 2));
            int at = out.size();
            out.addAll(block);
            return new Edit(text, join(out));
        }
        Matcher empty = HOSTS_KEY.matcher(lines[key]);
        empty.matches();
        int indent = -1;
        int last = key;
        for (int i = key + 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank() || l.stripLeading().startsWith("#")) {
                continue;
            }
            // Items may sit at column 0 under the key ("- name: a"); anything else at column 0 is the next key.
            if (!l.startsWith(" ") && !l.startsWith("- ") && !l.equals("-")) {
                break;
            }
            if (indent < 0) {
                Matcher m = ITEM.matcher(l);
                if (m.find()) {
                    indent = m.group(1).length();
                }
            }
            last = i;
        }
        List<String> shifted = shift(entry, indent < 0 ? 2 : indent);
        int at = last + 1;
        if (empty.group(1) != null) {
            // "hosts: []" becomes "hosts:" followed by the entry; the comment on that line stays.
            String comment = empty.group(2) == null ? "" : "  " + empty.group(2);
            out.set(key, "hosts:" + comment);
            out.addAll(at, shifted);
            return new Edit(text, join(out));
        }
        out.addAll(at, shifted);
        return new Edit(text, join(out));
    }

    private static List<String> shift(List<String> entry, int indent) {
        String pad = " ".repeat(indent);
        return entry.stream().map(l -> l.isEmpty() ? l : pad + l).toList();
    }

    private static String[] lines(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return t.isEmpty() ? new String[0] : t.split("\n", -1);
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
