package org.caretaker.site.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.caretaker.site.snapshot.Level;
import org.caretaker.site.snapshot.StatusSnapshot.RunMark;
import org.caretaker.site.snapshot.StatusSnapshot.RunTrail;

/**
 * The rows of coloured bars, one bar per run, that show a check's or a host's recent history at a glance,
 * with the share of runs that found everything OK. Several trails (every host of a check) fold into one
 * row by run: a run's bar takes the worst verdict it gave.
 */
final class HistoryBars {
    private HistoryBars() {
    }

    /** One trail as a row: a check on a host. */
    static Views.Bars of(String label, String href, RunTrail trail) {
        return row(label, href, trail.runs());
    }

    /** Several trails folded into one row by run, keeping the last {@code max} runs. */
    static Views.Bars merged(String label, String href, List<RunTrail> trails, int max) {
        Map<String, RunMark> byRun = new TreeMap<>();
        for (RunTrail t : trails) {
            for (RunMark m : t.runs()) {
                // Runs without an id (hand-written snapshots) stay apart, keyed by their time.
                String key = m.run().isEmpty() ? "@" + m.at() : m.run();
                byRun.merge(key, m, (a, b) -> new RunMark(a.run(), a.at().isBefore(b.at()) ? a.at() : b.at(),
                        a.verdict().worse(b.verdict())));
            }
        }
        List<RunMark> marks = new ArrayList<>(byRun.values());
        marks.sort(Comparator.comparing(RunMark::at).thenComparing(RunMark::run));
        if (marks.size() > max) {
            marks = marks.subList(marks.size() - max, marks.size());
        }
        return row(label, href, marks);
    }

    private static Views.Bars row(String label, String href, List<RunMark> marks) {
        List<Views.Bar> bars = new ArrayList<>();
        int ok = 0;
        for (RunMark m : marks) {
            ok += m.verdict() == Level.OK ? 1 : 0;
            bars.add(new Views.Bar(m.verdict(), Times.text(m.at()) + " · " + m.verdict().name()));
        }
        String percent = marks.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * ok / marks.size()).replace(".0%", "%");
        return new Views.Bars(label, href, List.copyOf(bars), percent, marks.size());
    }
}
