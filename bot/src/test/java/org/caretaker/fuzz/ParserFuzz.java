package org.caretaker.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.UnparseableOutputException;

/**
 * A seeded mutation fuzzer for every parser: real outputs from the test fixtures, mutated the ways real
 * output goes wrong (cut short, lines lost or repeated, numbers out of range, bytes flipped, foreign text
 * spliced in), fed to each inspector's evaluation directly. A parser may refuse text — that is
 * {@link UnparseableOutputException}, which must carry an excerpt — but nothing else may escape it, and
 * it must return.
 *
 * <p>The unit test runs a few hundred rounds per parser; {@code bench/fuzz/run.sh} runs a million.
 */
public final class ParserFuzz {

    /** Which fixtures seed which parser: a pattern on the fixture's path. */
    private static final Map<String, String> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("df", "(^|/)df");
        FAMILIES.put("meminfo", "meminfo|memory");
        FAMILIES.put("loadavg", "loadavg");
        FAMILIES.put("systemctl", "systemctl");
        FAMILIES.put("sysctl", "sysctl");
        FAMILIES.put("kernel-log", "kernel|dmesg|journal");
        FAMILIES.put("findmnt", "findmnt");
        FAMILIES.put("docker", "docker");
        FAMILIES.put("kubectl-nodes", "get-nodes");
        FAMILIES.put("kubectl", "kubectl|k8s");
        FAMILIES.put("prometheus", "prometheus");
        FAMILIES.put("pvesh-tasks", "nodes-tasks");
        FAMILIES.put("pvesh", "pvesh|proxmox");
        FAMILIES.put("zpool", "zpool");
        FAMILIES.put("smartctl-json", "smartctl.*\\.json");
        FAMILIES.put("smartctl", "smartctl");
        FAMILIES.put("snapraid", "snapraid");
    }

    private static final String[] FOREIGN = {
        "", "\n", "\u0000", "\uFFFD", "-1", "99999999999999999999", "NaN", "1e309", "-0", "%", "100%", "\t",
        "\r\n", "{", "}", "[", "]", "\"", ":", ",", "null", "true", "<script>", "\u202E", "ｄｉｓｋ", "é", "\u00A0",
        "bash: command not found", "Permission denied", "Killed", "...", "   ", "0x7fffffff",
    };

    public record Result(String parser, long rounds, long refused, long crashes, List<String> crashSamples) {
    }

    private final List<Seed> seeds;

    private record Seed(String path, String text) {
    }

    public ParserFuzz(Path fixtures) {
        try (Stream<Path> files = Files.walk(fixtures)) {
            List<Seed> out = new ArrayList<>();
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".source.txt")).sorted().toList()) {
                out.add(new Seed(fixtures.relativize(p).toString().toLowerCase(Locale.ROOT),
                        new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
            }
            this.seeds = List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int seedCount() {
        return seeds.size();
    }

    /** The fixtures that fit this parser; all of them when none does. */
    List<String> seedsFor(Inspector inspector) {
        for (Map.Entry<String, String> e : FAMILIES.entrySet()) {
            if (inspector.id().startsWith(e.getKey())) {
                Pattern p = Pattern.compile(e.getValue());
                List<String> fit = seeds.stream().filter(s -> p.matcher(s.path()).find()).map(Seed::text).toList();
                if (!fit.isEmpty()) {
                    return fit;
                }
            }
        }
        return seeds.stream().map(Seed::text).toList();
    }

    public Result run(Inspector inspector, long rounds, long seed) {
        List<String> own = seedsFor(inspector);
        SplittableRandom rnd = new SplittableRandom(seed ^ inspector.id().hashCode());
        long refused = 0;
        long crashes = 0;
        List<String> samples = new ArrayList<>();
        for (long i = 0; i < rounds; i++) {
            String base = rnd.nextInt(10) == 0 ? seeds.get(rnd.nextInt(seeds.size())).text() : own.get(rnd.nextInt(own.size()));
            String input = mutate(base, rnd, 1 + rnd.nextInt(4));
            try {
                inspector.evaluation().evaluate(input, new Thresholds(inspector.check(), inspector.defaults()),
                        new Findings(inspector.check(), Inspector.NO_HOST));
            } catch (UnparseableOutputException e) {
                refused++;
                if (e.excerpt() == null) {
                    crashes++;
                    sample(samples, "refused without an excerpt", input);
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashes++;
                sample(samples, e.getClass().getSimpleName() + ": " + e.getMessage(), input);
            }
        }
        return new Result(inspector.id(), rounds, refused, crashes, samples);
    }

    private static void sample(List<String> samples, String what, String input) {
        if (samples.size() < 5) {
            samples.add(what + " <- " + input.substring(0, Math.min(300, input.length())).replace("\n", "⏎"));
        }
    }

    String mutate(String text, SplittableRandom rnd, int times) {
        String s = text;
        for (int t = 0; t < times; t++) {
            s = switch (rnd.nextInt(9)) {
                case 0 -> s.isEmpty() ? s : s.substring(0, rnd.nextInt(s.length() + 1));                 // cut short
                case 1 -> dropLine(s, rnd);
                case 2 -> repeatLine(s, rnd);
                case 3 -> replaceNumber(s, rnd);
                case 4 -> flipChar(s, rnd);
                case 5 -> insert(s, rnd, FOREIGN[rnd.nextInt(FOREIGN.length)]);
                case 6 -> insert(s, rnd, slice(seeds.get(rnd.nextInt(seeds.size())).text(), rnd));      // foreign output
                case 7 -> swapLines(s, rnd);
                default -> s.replace(rnd.nextBoolean() ? " " : "\t", rnd.nextBoolean() ? "  " : "");    // spacing
            };
        }
        return s;
    }

    private static String slice(String other, SplittableRandom rnd) {
        int from = rnd.nextInt(other.length() + 1);
        return other.substring(from, Math.min(other.length(), from + rnd.nextInt(1, 200)));
    }

    private static String[] lines(String s) {
        return s.split("\n", -1);
    }

    private static String dropLine(String s, SplittableRandom rnd) {
        String[] l = lines(s);
        int k = rnd.nextInt(l.length);
        List<String> out = new ArrayList<>(List.of(l));
        out.remove(k);
        return String.join("\n", out);
    }

    private static String repeatLine(String s, SplittableRandom rnd) {
        String[] l = lines(s);
        int k = rnd.nextInt(l.length);
        List<String> out = new ArrayList<>(List.of(l));
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            out.add(k, l[k]);
        }
        return String.join("\n", out);
    }

    private static String swapLines(String s, SplittableRandom rnd) {
        String[] l = lines(s);
        if (l.length < 2) {
            return s;
        }
        int a = rnd.nextInt(l.length);
        int b = rnd.nextInt(l.length);
        String x = l[a];
        l[a] = l[b];
        l[b] = x;
        return String.join("\n", l);
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final String[] NUMBERS = {"0", "-1", "-999", "4294967296", "9223372036854775808", "1e400", "0.0", "NaN", "00", "1.2.3", ""};

    private static String replaceNumber(String s, SplittableRandom rnd) {
        var m = NUMBER.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find() && spans.size() < 2000) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return s;
        }
        int[] sp = spans.get(rnd.nextInt(spans.size()));
        return s.substring(0, sp[0]) + NUMBERS[rnd.nextInt(NUMBERS.length)] + s.substring(sp[1]);
    }

    private static String flipChar(String s, SplittableRandom rnd) {
        if (s.isEmpty()) {
            return s;
        }
        int k = rnd.nextInt(s.length());
        char c = (char) (rnd.nextBoolean() ? rnd.nextInt(32, 127) : rnd.nextInt(0, 0x3000));
        return s.substring(0, k) + c + s.substring(k + 1);
    }

    private static String insert(String s, SplittableRandom rnd, String what) {
        int k = rnd.nextInt(s.length() + 1);
        return s.substring(0, k) + what + s.substring(k);
    }

    /**
     * {@code ParserFuzz <fixtures-dir> <rounds-per-parser> [seed]}: fuzzes every parser and prints one line
     * each; exits 1 when any parser let something other than a refusal escape.
     */
    public static void main(String[] args) {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "bot/src/test/resources/fixtures");
        long rounds = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261203L;
        ParserFuzz fuzz = new ParserFuzz(fixtures);
        System.out.printf("%d seed outputs, %,d rounds per parser, seed %d%n", fuzz.seedCount(), rounds, seed);
        System.out.printf("%-20s %12s %12s %8s %9s%n", "parser", "rounds", "refused", "crashes", "seconds");
        long totalCrashes = 0;
        long total = 0;
        for (Inspector i : Catalogue.standard().inspectors()) {
            long t0 = System.nanoTime();
            Result r = fuzz.run(i, rounds, seed);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-20s %,12d %,12d %8d %9.1f%n", r.parser(), r.rounds(), r.refused(), r.crashes(), secs);
            r.crashSamples().forEach(c -> System.out.println("    " + c));
            totalCrashes += r.crashes();
            total += r.rounds();
        }
        System.out.printf("total %,d inputs, %d crashes%n", total, totalCrashes);
        System.exit(totalCrashes == 0 ? 0 : 1);
    }
}
