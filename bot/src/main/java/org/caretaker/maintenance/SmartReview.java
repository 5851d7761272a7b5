package org.caretaker.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.store.HistoryStore;
import org.caretaker.store.MetricPoint;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;

/**
 * The monthly look at each disk's trend: reallocated and pending sectors now against the oldest value the
 * {@code smart} check recorded within the review window (about a month). The daily check judges the levels;
 * this notices slow growth that stays under its thresholds. Read from the history; it runs no command.
 */
public final class SmartReview {
    static final String CHECK = "smart-review";
    private static final List<String> WATCHED = List.of("reallocated_sectors", "pending_sectors");

    private final HistoryStore history;

    public SmartReview(HistoryStore history) {
        this.history = history;
    }

    /** Adds one finding per disk the {@code smart} check knows on this host. */
    public void review(String host, Instant from, Instant to, Findings f) throws StoreException {
        review(host, from, to, f, Map.of());
    }

    /**
     * The same, naming where each disk sits in a ZFS pool when {@code zfsHomes} knows it (disk path → "pool
     * tank, mirror-0").
     */
    public void review(String host, Instant from, Instant to, Findings f, Map<String, String> zfsHomes) throws StoreException {
        for (StoredState s : history.latest()) {
            if (!s.finding().host().equals(host) || !s.finding().check().equals("smart") || s.finding().subject().equals("-")) {
                continue;
            }
            String disk = s.finding().subject();
            Severity sev = Severity.OK;
            List<String> parts = new ArrayList<>();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String m : WATCHED) {
                List<MetricPoint> w = history.window(host, "smart", disk, m, from, to);
                if (w.isEmpty()) {
                    continue;
                }
                double first = w.get(0).value();
                double last = w.get(w.size() - 1).value();
                double growth = last - first;
                metrics.put(m, last);
                metrics.put(m + "_growth", growth);
                String noun = m.replace('_', ' ');
                if (growth > 0) {
                    sev = Severity.WARN;
                    parts.add(noun + " grew by " + (long) growth + " to " + (long) last + " since " + w.get(0).at().toString().substring(0, 10));
                } else {
                    parts.add((long) last + " " + noun + ", unchanged");
                }
            }
            if (parts.isEmpty()) {
                continue;
            }
            String device = disk.contains(" [") ? disk.substring(0, disk.indexOf(" [")) : disk;
            String home = zfsHomes.containsKey(device) ? " (ZFS " + zfsHomes.get(device) + ")" : "";
            Findings.Draft d = f.add(sev, disk, String.join("; ", parts) + home).runbook("runbook/smart#reallocated-sectors");
            metrics.forEach(d::metric);
        }
    }
}
