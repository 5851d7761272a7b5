package org.caretaker.check.zfs;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code zpool status [-v] [-p]} for any number of pools, in the formats of OpenZFS 2.x, ZFS on Linux
 * 0.7 ("0h52m" durations), OpenZFS on macOS (no blank lines between sections) and the Solaris-era format
 * ({@code scrub:} instead of {@code scan:}). Pure: text in, records out.
 */
public final class ZpoolStatusParser {
    private static final Pattern KEY = Pattern.compile(
            "^\\s*(pool|id|state|status|action|see|scan|scrub|remove|checkpoint|comment|config|errors|dedup|prune):(?:\\s(.*))?$");
    private static final Pattern HEADER = Pattern.compile("^\\s*NAME\\s+STATE(\\s.*)?$");
    private static final Pattern COUNT = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)([KMGTPE]?)");
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Set<String> CLASSES = Set.of("logs", "cache", "spares", "special", "dedup");
    private static final Pattern DATE = Pattern.compile(
            "(?:on|since)\\s+[A-Z][a-z]{2}\\s+([A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}\\s+\\d{4})");
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("MMM d H:mm:ss yyyy", Locale.ENGLISH);
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)% done");
    private static final Pattern SCAN_ERRORS = Pattern.compile("with (\\d{1,18}) errors?");
    private static final Pattern TO_GO = Pattern.compile("(?:,\\s*)([^,]+ to go|no estimated completion time)");
    private static final Pattern DATA_ERROR_COUNT = Pattern.compile("^(\\d{1,18}) data errors?");

    private ZpoolStatusParser() {
    }

    /** Returns no pools for "no pools available"; throws for text that is not zpool status. */
    public static List<PoolStatus> parse(String text) throws UnparseableOutputException {
        if (text == null || text.isBlank()) {
            throw new UnparseableOutputException("zpool status printed nothing", text);
        }
        if (text.strip().equals("no pools available")) {
            return List.of();
        }
        List<PoolStatus> pools = new ArrayList<>();
        Builder b = null;
        String key = "";
        for (String raw : text.lines().toList()) {
            String line = expandTabs(raw);
            Matcher k = KEY.matcher(line);
            if (k.matches()) {
                key = k.group(1);
                String value = k.group(2) == null ? "" : k.group(2).strip();
                if (key.equals("pool")) {
                    if (b != null) {
                        pools.add(b.build(text));
                    }
                    b = new Builder(value);
                } else if (b == null) {
                    throw new UnparseableOutputException("zpool status output does not start with a pool: line", text);
                } else {
                    b.key(key, value);
                }
                continue;
            }
            if (b == null) {
                if (line.isBlank()) {
                    continue;
                }
                throw new UnparseableOutputException("no pool: line in zpool status output", text);
            }
            b.more(key, line);
        }
        if (b == null) {
            throw new UnparseableOutputException("no pool: line in zpool status output", text);
        }
        pools.add(b.build(text));
        return List.copyOf(pools);
    }

    private static final class Builder {
        final String name;
        String state = "";
        final StringBuilder status = new StringBuilder();
        String see = "";
        final List<String> scanLines = new ArrayList<>();
        int headerIndent = -1;
        List<String> columns = List.of();
        String group = Vdev.DATA;
        final List<Vdev> vdevs = new ArrayList<>();
        boolean errorsShown;
        final List<String> errorLines = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        boolean permanent;

        Builder(String name) {
            this.name = name;
        }

        void key(String key, String value) {
            switch (key) {
                case "state" -> state = value;
                case "status" -> status.append(value);
                case "see" -> see = value;
                case "scan", "scrub" -> scanLines.add(value);
                case "errors" -> {
                    errorsShown = true;
                    errorLines.add(value);
                    if (value.startsWith("Permanent errors have been detected")) {
                        permanent = true;
                    }
                }
                default -> {
                    // action, remove, checkpoint and the rest say nothing the judgement uses.
                }
            }
        }

        void more(String key, String line) throws UnparseableOutputException {
            String s = line.strip();
            switch (key) {
                case "status" -> {
                    if (!s.isEmpty()) {
                        status.append(status.length() == 0 ? "" : " ").append(s);
                    }
                }
                case "scan", "scrub" -> {
                    if (!s.isEmpty()) {
                        scanLines.add(s);
                    }
                }
                case "config" -> table(line);
                case "errors" -> {
                    if (!s.isEmpty() && permanent) {
                        files.add(s);
                    }
                }
                default -> {
                    // continuation of action:, see: and the like
                }
            }
        }

        void table(String line) throws UnparseableOutputException {
            if (line.isBlank()) {
                return;
            }
            if (headerIndent < 0) {
                if (!HEADER.matcher(line).matches()) {
                    throw new UnparseableOutputException("no NAME STATE header in the config of pool " + name, line);
                }
                headerIndent = indent(line);
                columns = tokens(line);
                return;
            }
            int depth = Math.max(0, (indent(line) - headerIndent) / 2);
            List<int[]> spans = spans(line);
            String first = line.substring(spans.get(0)[0], spans.get(0)[1]);
            if (spans.size() == 1 && depth == 0 && CLASSES.contains(first)) {
                group = first;
                return;
            }
            if (spans.size() < 2) {
                throw new UnparseableOutputException("config row of pool " + name + " has no state", line);
            }
            String vstate = line.substring(spans.get(1)[0], spans.get(1)[1]);
            ErrorCounter[] counts = {ErrorCounter.ABSENT, ErrorCounter.ABSENT, ErrorCounter.ABSENT};
            int next = 2;
            for (int c = 2; c < columns.size() && next < spans.size(); c++) {
                String cell = line.substring(spans.get(next)[0], spans.get(next)[1]);
                Matcher m = COUNT.matcher(cell);
                if (!m.matches()) {
                    break;
                }
                int slot = switch (columns.get(c)) {
                    case "READ" -> 0;
                    case "WRITE" -> 1;
                    case "CKSUM" -> 2;
                    default -> -1;
                };
                if (slot >= 0) {
                    counts[slot] = new ErrorCounter(count(m), cell);
                }
                next++;
            }
            String note = next < spans.size() ? line.substring(spans.get(next)[0]).strip() : "";
            vdevs.add(new Vdev(first, depth, group, vstate, counts[0], counts[1], counts[2], note));
        }

        PoolStatus build(String text) throws UnparseableOutputException {
            if (state.isEmpty()) {
                throw new UnparseableOutputException("pool " + name + " has no state: line", text);
            }
            return new PoolStatus(name, state, status.toString(), see, scan(scanLines), vdevs, errors());
        }

        DataErrors errors() {
            if (!errorsShown) {
                return DataErrors.NOT_SHOWN;
            }
            boolean clean = errorLines.stream().allMatch(l -> l.equals("No known data errors"));
            OptionalLong count = OptionalLong.empty();
            for (String l : errorLines) {
                Matcher m = DATA_ERROR_COUNT.matcher(l);
                if (m.find()) {
                    count = OptionalLong.of(Long.parseLong(m.group(1)));
                }
            }
            return new DataErrors(true, clean, count, permanent, files, errorLines);
        }
    }

    static Scan scan(List<String> lines) {
        if (lines.isEmpty()) {
            return Scan.NEVER;
        }
        String first = lines.get(0);
        String all = String.join(" ", lines);
        Scan.Kind kind;
        if (first.startsWith("none requested")) {
            return new Scan(Scan.Kind.NONE, Scan.State.NEVER, Optional.empty(), OptionalDouble.empty(),
                    OptionalLong.empty(), "", all);
        } else if (first.startsWith("error scrub") || first.startsWith("scrubbed ")) {
            // OpenZFS 2.2 shows an error scrub (only the blocks with known errors) in place of the last scrub.
            kind = Scan.Kind.ERROR_SCRUB;
        } else if (first.startsWith("scrub")) {
            kind = Scan.Kind.SCRUB;
        } else if (first.startsWith("resilver")) {
            kind = Scan.Kind.RESILVER;
        } else {
            kind = Scan.Kind.UNRECOGNIZED;
        }
        Scan.State state;
        if (first.contains(" in progress")) {
            state = Scan.State.IN_PROGRESS;
        } else if (first.contains(" paused")) {
            state = Scan.State.PAUSED;
        } else if (first.contains(" canceled") || first.contains(" cancelled") || first.contains(" stopped")) {
            state = Scan.State.CANCELED;
        } else if (first.contains(" repaired") || first.startsWith("resilvered") || first.startsWith("scrubbed ")
                || first.contains(" completed")) {
            state = Scan.State.FINISHED;
        } else {
            state = Scan.State.UNRECOGNIZED;
        }
        Optional<LocalDateTime> when = Optional.empty();
        Matcher d = DATE.matcher(first);
        if (d.find()) {
            try {
                when = Optional.of(LocalDateTime.parse(d.group(1).replaceAll("\\s+", " "), DATE_FORMAT));
            } catch (DateTimeParseException e) {
                // An impossible date ("Feb 31") leaves the date unknown; the judgement says so.
                when = Optional.empty();
            }
        }
        OptionalDouble percent = OptionalDouble.empty();
        Matcher p = PERCENT.matcher(all);
        if (p.find()) {
            percent = OptionalDouble.of(Double.parseDouble(p.group(1)));
        }
        OptionalLong errors = OptionalLong.empty();
        Matcher e = SCAN_ERRORS.matcher(first);
        if (e.find()) {
            errors = OptionalLong.of(Long.parseLong(e.group(1)));
        }
        String remaining = "";
        Matcher r = TO_GO.matcher(all);
        if (state == Scan.State.IN_PROGRESS && r.find()) {
            remaining = r.group(1).strip();
        }
        return new Scan(kind, state, when, percent, errors, remaining, all);
    }

    private static long count(Matcher m) {
        double v = Double.parseDouble(m.group(1));
        int power = m.group(2).isEmpty() ? 0 : "KMGTPE".indexOf(m.group(2)) + 1;
        return Math.round(v * Math.pow(1024, power));
    }

    private static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                do {
                    sb.append(' ');
                } while (sb.length() % 8 != 0);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static List<String> tokens(String line) {
        return List.of(line.strip().split("\\s+"));
    }

    private static List<int[]> spans(String line) {
        List<int[]> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
