package org.caretaker.check.zfs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.caretaker.check.Numbers;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;

/**
 * Judges pools: one finding per pool whose message strings together everything wrong with it, worst
 * first in importance (state, device errors, data errors, space, scrubs), and whose severity and runbook
 * anchor are those of the worst part. One finding per pool keeps the alert state of a pool in one place.
 */
final class PoolEvaluation {
    static final String DEGRADED = "runbook/zfs#degraded-pool";
    static final String DEVICE_ERRORS = "runbook/zfs#device-errors";
    static final String DATA_ERRORS = "runbook/zfs#data-errors";
    static final String CAPACITY = "runbook/zfs#pool-capacity";
    static final String SPECIAL = "runbook/zfs#special-device-full";
    static final String SCRUBS = "runbook/zfs#scrubs";
    static final String RESILVER = "runbook/zfs#resilver";

    /** Inner vdevs of {@code zpool list -v}; under {@code -H} nothing else tells them from devices. */
    private static final Pattern INNER_VDEV = Pattern.compile("(mirror|raidz[123]?|draid[123]?(:[^-]*)?|replacing|spare|root)-\\d+");

    private PoolEvaluation() {
    }

    /**
     * @param statuses pools from {@code zpool status}; empty when only {@code zpool list} was read
     * @param usages   pools from {@code zpool list}; empty when only {@code zpool status} was read
     * @param expected pools that must exist on this host
     * @param zfsHost  the host is tagged zfs, so finding no pool at all is suspicious
     * @param now      the host's clock, for the age of the last scrub
     */
    static void evaluate(List<PoolStatus> statuses, List<PoolUsage> usages, List<String> expected, boolean zfsHost,
                         Thresholds t, Findings f, Instant now) {
        Map<String, PoolStatus> byStatus = new LinkedHashMap<>();
        statuses.forEach(s -> byStatus.put(s.name(), s));
        Map<String, PoolUsage> byUsage = new LinkedHashMap<>();
        usages.forEach(u -> byUsage.put(u.name(), u));
        Set<String> names = new LinkedHashSet<>(byStatus.keySet());
        names.addAll(byUsage.keySet());
        for (String name : names) {
            Verdict v = new Verdict();
            PoolStatus s = byStatus.get(name);
            PoolUsage u = byUsage.get(name);
            if (s != null) {
                state(s, v);
                deviceErrors(s, v);
                dataErrors(s, v);
            } else {
                state(u, v);
            }
            if (u != null) {
                capacity(u, t, v);
                special(u, t, v);
            }
            if (s != null) {
                scan(s.scan(), t, v, now);
            }
            v.emit(f, name);
        }
        for (String want : expected) {
            if (!names.contains(want)) {
                f.crit(want, "pool " + want + " is missing: zpool does not list it (not imported, or its disks are gone)")
                        .runbook(DEGRADED);
            }
        }
        if (names.isEmpty() && expected.isEmpty()) {
            if (zfsHost) {
                f.warn("-", "no ZFS pools found on a host tagged zfs").runbook(DEGRADED);
            } else {
                f.ok("-", "no ZFS pools").runbook(DEGRADED);
            }
        }
    }

    private static void state(PoolStatus s, Verdict v) {
        String head = "pool " + s.name() + " is " + s.state();
        if (!s.vdevs().isEmpty() && !s.vdevs().get(0).note().isEmpty()) {
            head += " (" + s.vdevs().get(0).note() + ")";
        }
        state(s.state(), head, down(s.vdevs()), v);
    }

    private static void state(PoolUsage u, Verdict v) {
        List<String> down = new ArrayList<>();
        for (PoolUsage.VdevUsage d : u.vdevs()) {
            boolean up = d.health().equals("ONLINE") || d.health().equals("AVAIL") || d.health().equals("INUSE")
                    || d.health().equals("-");
            if (!up && !INNER_VDEV.matcher(d.name()).matches()) {
                down.add(d.name() + " " + d.health() + (d.group().equals(Vdev.DATA) ? "" : " (" + d.group() + ")"));
            }
        }
        state(u.health(), "pool " + u.name() + " is " + u.health(), down.isEmpty() ? "" : String.join(", ", down), v);
    }

    private static void state(String state, String head, String down, Verdict v) {
        if (!state.equals("ONLINE")) {
            v.add(Severity.CRIT, down.isEmpty() ? head : head + ": " + down, DEGRADED);
        } else if (!down.isEmpty()) {
            v.add(Severity.WARN, head + " but " + down, DEGRADED);
        } else {
            v.add(Severity.OK, head, DEGRADED);
        }
    }

    /** Devices that are not up, grouped by the vdev they belong to: "mirror-0 has 1 of 2 devices down: …". */
    static String down(List<Vdev> rows) {
        Map<String, List<Integer>> children = new LinkedHashMap<>();
        int[] lastAtDepth = new int[64];
        for (int i = 1; i < rows.size(); i++) {
            Vdev r = rows.get(i);
            int depth = Math.min(r.depth(), lastAtDepth.length - 1);
            lastAtDepth[depth] = i;
            String parent;
            if (depth <= 1) {
                parent = r.group().equals(Vdev.DATA) ? "" : r.group();
            } else {
                parent = "#" + lastAtDepth[depth - 1];
            }
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(i);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : children.entrySet()) {
            List<String> bad = new ArrayList<>();
            for (int i : e.getValue()) {
                Vdev r = rows.get(i);
                boolean leaf = i + 1 == rows.size() || rows.get(i + 1).depth() <= r.depth()
                        || !rows.get(i + 1).group().equals(r.group());
                if (leaf && !r.isUp()) {
                    bad.add(r.name() + " " + r.state() + (r.note().isEmpty() ? "" : " (" + r.note() + ")"));
                }
            }
            if (bad.isEmpty()) {
                continue;
            }
            String count = bad.size() + " of " + e.getValue().size();
            String key = e.getKey();
            String what;
            if (key.isEmpty()) {
                what = count + " top-level devices down: ";
            } else if (key.startsWith("#")) {
                what = rows.get(Integer.parseInt(key.substring(1))).name() + " has " + count + " devices down: ";
            } else {
                what = count + " " + key + " devices down: ";
            }
            parts.add(what + String.join(", ", bad));
        }
        return String.join("; ", parts);
    }

    private static void deviceErrors(PoolStatus s, Verdict v) {
        List<String> named = new ArrayList<>();
        long read = 0;
        long write = 0;
        long cksum = 0;
        List<Vdev> rows = s.vdevs();
        for (int i = 0; i < rows.size(); i++) {
            Vdev r = rows.get(i);
            if (r.hasErrors()) {
                named.add(r.name() + " has " + counters(r));
            }
            boolean leaf = i > 0 && (i + 1 == rows.size() || rows.get(i + 1).depth() <= r.depth());
            if (leaf) {
                read += Math.max(0, r.read().value());
                write += Math.max(0, r.write().value());
                cksum += Math.max(0, r.cksum().value());
            }
        }
        if (!named.isEmpty()) {
            v.add(Severity.WARN, String.join(", ", named), DEVICE_ERRORS);
        }
        v.metric("read_errors", read).metric("write_errors", write).metric("cksum_errors", cksum);
    }

    private static String counters(Vdev r) {
        List<String> c = new ArrayList<>();
        if (r.read().isNonZero()) {
            c.add(r.read().printed() + " read");
        }
        if (r.write().isNonZero()) {
            c.add(r.write().printed() + " write");
        }
        if (r.cksum().isNonZero()) {
            c.add(r.cksum().printed() + " checksum");
        }
        String joined = c.size() == 1 ? c.get(0)
                : String.join(", ", c.subList(0, c.size() - 1)) + " and " + c.get(c.size() - 1);
        return joined + " errors";
    }

    private static void dataErrors(PoolStatus s, Verdict v) {
        DataErrors e = s.errors();
        Scan scan = s.scan();
        if (e.shown() && !e.clean()) {
            String text;
            long count;
            if (e.permanent()) {
                count = e.count().orElse(e.files().size());
                List<String> shown = e.files().subList(0, Math.min(3, e.files().size()));
                text = e.files().isEmpty() ? "permanent errors have been detected"
                        : "permanent errors in " + plural(e.files().size(), "file") + ": " + String.join(", ", shown)
                          + (e.files().size() > shown.size() ? " and " + (e.files().size() - shown.size()) + " more" : "");
            } else if (e.count().isPresent()) {
                count = e.count().getAsLong();
                text = plural(count, "data error");
            } else {
                count = -1;
                text = "data errors: " + String.join(" ", e.lines());
            }
            for (String l : e.lines()) {
                if (l.startsWith("List of errors unavailable") && !text.startsWith("data errors:")) {
                    text += " (" + Character.toLowerCase(l.charAt(0)) + l.substring(1) + ")";
                }
            }
            v.add(Severity.CRIT, text, DATA_ERRORS);
            if (count >= 0) {
                v.metric("data_errors", count);
            }
            return;
        }
        if (e.shown()) {
            v.metric("data_errors", 0);
        }
        if (scan.state() == Scan.State.FINISHED && scan.errors().orElse(0) > 0) {
            v.add(Severity.WARN, "the last " + (scan.kind() == Scan.Kind.RESILVER ? "resilver" : "scrub")
                    + " ended with " + plural(scan.errors().getAsLong(), "unrepaired error"), DATA_ERRORS);
        }
    }

    private static void capacity(PoolUsage u, Thresholds t, Verdict v) {
        if (u.capacity().isEmpty()) {
            return;
        }
        double pct = u.capacity().getAsDouble();
        double warn = t.get("capacity-warn");
        double crit = t.get("capacity-crit");
        String text = Numbers.format(pct) + "% full";
        if (pct >= crit) {
            v.add(Severity.CRIT, text + " (critical at " + Numbers.format(crit) + "%)", CAPACITY);
        } else if (pct >= warn) {
            v.add(Severity.WARN, text + " (warning at " + Numbers.format(warn) + "%)", CAPACITY);
        } else {
            v.add(Severity.OK, text, CAPACITY);
        }
        v.metric("capacity_percent", pct);
    }

    /** The special class holds metadata and small blocks; when it fills, they spill to the slow disks. */
    private static void special(PoolUsage u, Thresholds t, Verdict v) {
        PoolUsage.VdevUsage fullest = null;
        for (PoolUsage.VdevUsage d : u.vdevs()) {
            if (d.group().equals("special") && d.capacity().isPresent()
                    && (fullest == null || d.capacity().getAsDouble() > fullest.capacity().getAsDouble())) {
                fullest = d;
            }
        }
        if (fullest == null) {
            return;
        }
        double pct = fullest.capacity().getAsDouble();
        double warn = t.get("special-warn");
        double crit = t.get("special-crit");
        String text = "special vdev " + fullest.name() + " is " + Numbers.format(pct) + "% full";
        if (pct >= crit) {
            v.add(Severity.CRIT, text + " (critical at " + Numbers.format(crit) + "%)", SPECIAL);
        } else if (pct >= warn) {
            v.add(Severity.WARN, text + " (warning at " + Numbers.format(warn) + "%)", SPECIAL);
        } else {
            v.add(Severity.OK, text, SPECIAL);
        }
        v.metric("special_capacity_percent", pct);
    }

    private static void scan(Scan scan, Thresholds t, Verdict v, Instant now) {
        double maxAge = t.get("scrub-max-age-days");
        if (scan.kind() == Scan.Kind.NONE) {
            v.add(Severity.WARN, "never scrubbed", SCRUBS);
            return;
        }
        boolean dated = scan.state() == Scan.State.IN_PROGRESS || scan.when().isPresent();
        if (scan.kind() == Scan.Kind.UNRECOGNIZED || scan.state() == Scan.State.UNRECOGNIZED || !dated) {
            v.add(Severity.UNKNOWN, "scan line not understood: " + Excerpt.of(scan.text(), 100), Runbook.UNKNOWN_OUTPUT);
            return;
        }
        String progress = scan.percent().isPresent() ? ", " + Numbers.format(scan.percent().getAsDouble()) + "% done" : "";
        if (!scan.remaining().isEmpty()) {
            progress += ", " + scan.remaining();
        }
        scan.percent().ifPresent(p -> v.metric("scan_percent", p));
        long age = scan.when().map(w -> days(w, now)).orElse(0L);
        switch (scan.kind()) {
            case RESILVER -> {
                switch (scan.state()) {
                    case IN_PROGRESS -> v.add(Severity.WARN, "resilver in progress" + progress, RESILVER);
                    case CANCELED -> v.add(Severity.WARN, "resilver canceled " + ago(age), RESILVER);
                    default -> unverified("resilvered", age, maxAge, v);
                }
            }
            case ERROR_SCRUB -> {
                if (scan.state() == Scan.State.IN_PROGRESS || scan.state() == Scan.State.PAUSED) {
                    v.add(Severity.OK, "error scrub in progress" + progress, SCRUBS);
                } else {
                    unverified("error-scrubbed", age, maxAge, v);
                }
            }
            default -> {
                switch (scan.state()) {
                    case IN_PROGRESS -> v.add(Severity.OK, "scrub in progress" + progress, SCRUBS);
                    case PAUSED -> v.add(Severity.WARN, "scrub paused " + ago(age) + progress, SCRUBS);
                    case CANCELED -> v.add(Severity.WARN, "last scrub was canceled " + ago(age)
                            + ", no finished scrub on record", SCRUBS);
                    default -> {
                        v.metric("scrub_age_days", age);
                        if (age > maxAge) {
                            v.add(Severity.WARN, "last scrub " + ago(age) + " (warning after " + Numbers.format(maxAge) + " days)", SCRUBS);
                        } else {
                            v.add(Severity.OK, "last scrub " + ago(age), SCRUBS);
                        }
                    }
                }
            }
        }
    }

    /** ZFS shows only the latest scan, so after a resilver the date of the last full scrub is lost. */
    private static void unverified(String what, long age, double maxAge, Verdict v) {
        if (age > maxAge) {
            v.add(Severity.WARN, "no scrub on record, " + what + " " + ago(age) + " (warning after " + Numbers.format(maxAge) + " days)", SCRUBS);
        } else {
            v.add(Severity.OK, what + " " + ago(age) + ", last scrub unknown", SCRUBS);
        }
    }

    /** The scan date is the host's local time; its zone is unknown, which matters little for a count of days. */
    private static long days(LocalDateTime when, Instant now) {
        return Math.max(0, Duration.between(when.toInstant(ZoneOffset.UTC), now).toDays());
    }

    private static String ago(long days) {
        return days == 0 ? "today" : days == 1 ? "1 day ago" : days + " days ago";
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }


    /** The parts of one pool's finding. */
    private static final class Verdict {
        private Severity severity = Severity.OK;
        private String runbook = DEGRADED;
        private final List<String> parts = new ArrayList<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        void add(Severity s, String text, String anchor) {
            parts.add(text);
            if (s.isWorseThan(severity)) {
                severity = s;
                runbook = anchor;
            }
        }

        Verdict metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        void emit(Findings f, String subject) {
            Findings.Draft d = f.add(severity, subject, String.join("; ", parts)).runbook(runbook);
            metrics.forEach(d::metric);
        }
    }
}
