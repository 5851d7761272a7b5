package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * {@code snapraid diff} text → {@link DiffReport}. The change lines come in a different order on every run
 * (disks are scanned in parallel); the summary at the end is what counts. With the {@code -l} log interleaved,
 * the counts may also come from {@code summary:added:N} tags and each change learns its disk from
 * {@code scan:add:d1:path}. Pure.
 */
public final class DiffParser {
    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d{1,12}) (equal|added|removed|updated|moved|copied|restored)$");
    private static final Pattern CHANGE = Pattern.compile("^(add|remove|update|restore) (.+)$");
    private static final Pattern MOVE = Pattern.compile("^(move|copy) (.+) -> (.+)$");

    private DiffParser() {
    }

    public static DiffReport parse(String text) throws UnparseableOutputException {
        SnapraidOutput out = SnapraidOutput.of(text);
        if (out.blank()) {
            throw new UnparseableOutputException("snapraid diff printed nothing", text);
        }
        ArrayProblems problems = ArrayProblems.scan(out.lines());
        Map<String, String> diskOf = new HashMap<>();
        for (SnapraidOutput.Scan s : out.scans()) {
            // update tags carry ": old size and time -> new" after the path
            String path = s.kind().equals("update") && s.path().contains(": ") ? s.path().substring(0, s.path().lastIndexOf(": "))
                    : s.path();
            diskOf.put(unescape(path), s.disk());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        List<DiffReport.Change> changes = new ArrayList<>();
        Optional<Boolean> different = Optional.empty();
        for (String line : out.lines()) {
            Matcher m;
            if ((m = COUNT.matcher(line)).matches()) {
                counts.put(m.group(2), Long.parseLong(m.group(1)));
            } else if ((m = MOVE.matcher(line)).matches()) {
                String to = unescape(m.group(3));
                changes.add(new DiffReport.Change(m.group(1), to, unescape(m.group(2)), diskOf.getOrDefault(to, "")));
            } else if ((m = CHANGE.matcher(line)).matches()) {
                String path = unescape(m.group(2));
                changes.add(new DiffReport.Change(m.group(1), path, "", diskOf.getOrDefault(path, "")));
            } else if (line.equals("There are differences!")) {
                different = Optional.of(true);
            } else if (line.equals("No differences")) {
                different = Optional.of(false);
            }
        }
        if (counts.isEmpty()) {
            for (String kind : DiffReport.KINDS) {
                out.number(kind).ifPresent(n -> counts.put(kind, n));
            }
        }
        if (counts.isEmpty() && !problems.explainsMissingReport()) {
            throw new UnparseableOutputException("no summary of equal/added/removed files in the snapraid diff output", text);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        if (!counts.isEmpty()) {
            DiffReport.KINDS.forEach(k -> ordered.put(k, counts.getOrDefault(k, 0L)));
        }
        return new DiffReport(ordered, changes, different, problems);
    }

    /** SnapRAID escapes blanks and specials for the shell: {@code Mr.\ Robot\ \(2016\)}. */
    static String unescape(String path) {
        if (path.indexOf('\\') < 0) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                c = path.charAt(++i);
                sb.append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
