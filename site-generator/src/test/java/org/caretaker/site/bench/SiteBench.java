package org.caretaker.site.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.caretaker.site.BuildResult;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.SiteOptions;
import org.caretaker.site.snapshot.SnapshotJson;
import org.caretaker.site.snapshot.StatusSnapshot;

/**
 * The in-process timings of {@code bench/site/run.sh}: content load, full build, and the status-only
 * re-render the bot does after each run, alternating between two snapshots so that every round has real
 * changes to write. Not a test; run with {@code java -cp …}.
 *
 * <pre>SiteBench CORPUS_DIR TEMPLATES_DIR OUT_DIR [rounds]</pre>
 */
public final class SiteBench {
    private SiteBench() {
    }

    public static void main(String[] args) {
        Path corpus = Path.of(args[0]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        SnapshotJson json = new SnapshotJson();
        long t0 = System.nanoTime();
        StatusSnapshot a = json.read(corpus.resolve("status.json"));
        StatusSnapshot b = json.read(corpus.resolve("status-changed.json"));
        long t1 = System.nanoTime();
        try (SiteGenerator site = SiteGenerator.load(SiteOptions.of(corpus.resolve("content"), Path.of(args[1]), Path.of(args[2])))) {
            long t2 = System.nanoTime();
            BuildResult full = site.build(a);
            long t3 = System.nanoTime();
            System.out.printf("snapshots read: %d ms; content load+link check: %d ms; first full build: %d ms (%d files written)%n",
                    ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), full.written());
            long t4 = System.nanoTime();
            BuildResult again = site.build(a);
            System.out.printf("second full build, nothing changed: %d ms (%d written)%n", ms(System.nanoTime() - t4), again.written());

            List<Double> times = new ArrayList<>();
            BuildResult last = null;
            for (int i = 0; i < rounds; i++) {
                StatusSnapshot s = i % 2 == 0 ? b : a;
                long start = System.nanoTime();
                last = site.renderStatus(s);
                times.add((System.nanoTime() - start) / 1e6);
            }
            System.out.printf("status re-render: first %.1f ms; over %d rounds median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms"
                            + " (last round: %d rendered, %d written, %d unchanged)%n",
                    times.get(0), rounds, pct(times, 50), pct(times, 90), Collections.min(times), Collections.max(times),
                    last.rendered(), last.written(), last.unchanged());
            long p = System.nanoTime();
            json.read(corpus.resolve("status-changed.json"));
            System.out.printf("snapshot parse (warm): %.1f ms%n", (System.nanoTime() - p) / 1e6);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
