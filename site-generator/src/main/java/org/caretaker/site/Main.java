package org.caretaker.site;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.caretaker.site.content.SiteBuildException;
import org.caretaker.site.snapshot.SnapshotException;
import org.caretaker.site.snapshot.SnapshotJson;

/**
 * The generator without the bot, for docs pipelines and the benchmark:
 * {@code java -cp … org.caretaker.site.Main build --content content --templates templates --status status.json --out site}.
 * The bot's {@code caretaker site build} does the same through the library.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("build")) {
            err.println("usage: build --content DIR --templates DIR --status FILE --out DIR");
            return 3;
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--content", "--templates", "--status", "--out"}) {
            if (!opts.containsKey(required)) {
                err.println("missing " + required);
                return 3;
            }
        }
        long start = System.nanoTime();
        SiteOptions options = SiteOptions.of(Path.of(opts.get("--content")), Path.of(opts.get("--templates")),
                Path.of(opts.get("--out")));
        // The snapshot is read while the content is parsed: both are mostly start-up work.
        java.util.concurrent.CompletableFuture<org.caretaker.site.snapshot.StatusSnapshot> snapshot =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> new SnapshotJson().read(Path.of(opts.get("--status"))));
        try (SiteGenerator site = SiteGenerator.load(options)) {
            BuildResult r = site.build(snapshot.join());
            out.printf("site built pages=%d written=%d unchanged=%d links=%d brokenLinks=0 tookMs=%d%n", r.rendered(), r.written(),
                    r.unchanged(), r.links(),
                    (System.nanoTime() - start) / 1_000_000);
            return 0;
        } catch (SiteBuildException | SnapshotException e) {
            err.println(e.getMessage());
            return 1;
        } catch (java.util.concurrent.CompletionException e) {
            err.println(e.getCause().getMessage());
            return 1;
        }
    }
}
