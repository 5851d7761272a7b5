package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What any SnapRAID command printed, split into the human report and the machine-readable log tags that
 * {@code -l} / {@code --log} writes. People often send the log to stderr ({@code -l ">&2"}), so both arrive
 * interleaved in one stream; a tag line starts with one of SnapRAID's tag names and a colon
 * ({@code summary:added:3}). Only known names count, so that a shell's {@code bash: snapraid: command not
 * found} stays a human line.
 *
 * <p>Progress lines are rewritten in place with carriage returns, so a carriage return ends a line here
 * too: {@code "1%, 0 MB\rData error in file ..."} is two lines.
 *
 * @param lines   the human lines, stripped of trailing blanks, blank lines kept
 * @param summary {@code summary:} tags: key → the rest of the line, e.g. {@code added → 3},
 *                {@code has_bad → 1:18:18}; when a key repeats (per-disk keys, or the two {@code exit} tags
 *                of a sync), the last one wins
 * @param scans   {@code scan:} tags of diff and sync: what changed on which disk
 */
record SnapraidOutput(List<String> lines, Map<String, String> summary, List<Scan> scans) {

    private static final Pattern TAG = Pattern.compile("^([a-z][a-z0-9_]*):(.*)$");
    private static final Set<String> TAGS = Set.of("version", "unixtime", "time", "command", "argv",
            "selftest", "conf", "blocksize", "data", "mode", "parity", "filter", "content", "msg", "memory", "summary",
            "block_count", "info_count", "info_time", "scan", "uuid", "resolve", "statfs", "split", "attr", "smart",
            "device", "run", "state", "hash", "scrub_graph_range", "scrub_graph_bar", "block", "block_noinfo", "error",
            "error_io", "error_data", "fixed", "recovered", "unrecoverable", "status", "list", "dup", "pool", "devices",
            "expected", "outofparity", "file", "symlink", "hardlink", "dir", "parity_error", "data_error", "hash_error",
            "sigint", "autosave", "thermal", "probe", "spindown", "spinup", "power", "zero", "touch");
    private static final Pattern SCAN = Pattern.compile("^(add|remove|update|move|copy|restore):([^:]*):(.*)$");

    /** A {@code scan:} tag: {@code scan:add:d1:docs/new_1.txt}. The path is as SnapRAID printed it. */
    record Scan(String kind, String disk, String path) {
    }

    SnapraidOutput {
        lines = List.copyOf(lines);
        summary = Map.copyOf(summary);
        scans = List.copyOf(scans);
    }

    static SnapraidOutput of(String text) {
        List<String> lines = new ArrayList<>();
        Map<String, String> summary = new LinkedHashMap<>();
        List<Scan> scans = new ArrayList<>();
        for (String raw : (text == null ? "" : text).split("\r\n|\r|\n", -1)) {
            String line = raw.stripTrailing();
            Matcher t = TAG.matcher(line);
            if (!t.matches() || !TAGS.contains(t.group(1))) {
                lines.add(line);
                continue;
            }
            String tag = t.group(1);
            String rest = t.group(2);
            if (tag.equals("summary")) {
                int colon = rest.indexOf(':');
                if (colon > 0) {
                    summary.put(rest.substring(0, colon), rest.substring(colon + 1));
                }
            } else if (tag.equals("scan")) {
                Matcher s = SCAN.matcher(rest);
                if (s.matches()) {
                    scans.add(new Scan(s.group(1), s.group(2), s.group(3)));
                }
            }
        }
        return new SnapraidOutput(lines, summary, scans);
    }

    /** True when nothing but blanks was printed. */
    boolean blank() {
        return lines.stream().allMatch(String::isBlank) && summary.isEmpty() && scans.isEmpty();
    }

    /** A numeric summary tag, e.g. {@code number("added")}; empty when absent or not a number. */
    OptionalLong number(String key) {
        String v = summary.get(key);
        if (v == null || !v.matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(v));
    }

    Optional<String> tag(String key) {
        return Optional.ofNullable(summary.get(key));
    }
}
