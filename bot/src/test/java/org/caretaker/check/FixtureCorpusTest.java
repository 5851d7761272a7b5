package org.caretaker.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole fixture corpus through {@code caretaker inspect}: every real output we hold, with the severity
 * {@code fixtures/expected.tsv} pins for it. Prints a score; any fixture judged otherwise fails, so a parser
 * change that helps one output and breaks another is seen at once.
 */
class FixtureCorpusTest {
    private static final Path ROOT = Path.of("src/test/resources/fixtures");
    private static final Path MANIFEST = ROOT.resolve("expected.tsv");

    /** Words that describe a problem; an OK finding that uses them contradicts itself. */
    private static final Pattern TROUBLE = Pattern.compile(
            "(?i)\\bfail|\\berror|degraded|\\b100 ?%|critical|faulted|unavail|corrupt|dropping|read-only|not responding");

    /**
     * OK findings that may use such a word, with why. "no I/O errors in the kernel log" and the like state an
     * absence and need no entry: a message that starts with "no " is allowed.
     */
    private static final Map<String, String> ALLOWED = Map.of(
            "snapraid/captured/14-fix.txt array",
            "the fix recovered the one error it found; nothing is left to do but clear the marks, which the message says",
            "public/smartctl/ata-ssd-kingston-a400-exit4.json /dev/sda",
            "smartctl's exit bit 2 says a SMART command failed, not the drive; health PASSED and every counter is clean",
            "public/smartctl/ata-hdd-wd4000fyyx-megaraid0-healthy.json /dev/sda [sat+megaraid,0]",
            "smartctl's exit bit 2 behind a MegaRAID controller is a pass-through limit, not a drive problem");

    private record Entry(String fixture, String parser, Severity expected) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    @BeforeAll
    static void readManifest() throws IOException {
        for (String line : Files.readAllLines(MANIFEST, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            ENTRIES.add(new Entry(cols[0], cols[1], cols[1].equals("-") ? null : Severity.valueOf(cols[2])));
        }
    }

    @Test
    void everyFixture_isInTheManifestWithItsSource() throws IOException {
        TreeSet<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(Files::isRegularFile)
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.endsWith(".source.txt") && !p.equals("expected.tsv"))
                    .forEach(onDisk::add);
        }
        TreeSet<String> listed = new TreeSet<>(ENTRIES.stream().map(Entry::fixture).toList());

        assertThat(onDisk).as("fixtures missing from expected.tsv").isSubsetOf(listed);
        assertThat(listed).as("expected.tsv lines without a fixture").isSubsetOf(onDisk);
        for (String f : onDisk) {
            assertThat(Files.exists(ROOT.resolve(f.replaceFirst("\\.[a-z]+$", ".source.txt")))).as(f + " has a .source.txt").isTrue();
        }
    }

    @Test
    void everyFixture_isJudgedAsTheManifestSays_andTheScoreIsPrinted() {
        Catalogue catalogue = Catalogue.standard();
        List<String> wrong = new ArrayList<>();
        int judged = 0;
        int guessed = 0;
        for (Entry e : ENTRIES) {
            if (e.parser().equals("-")) {
                continue;
            }
            judged++;
            String text = Fixtures.read(e.fixture());
            Severity worst = worst(catalogue.inspector(e.parser()).orElseThrow().inspect(text));
            if (worst != e.expected()) {
                wrong.add(e.fixture() + ": " + e.parser() + " gives " + worst + ", expected " + e.expected());
            }
            if (ParserGuess.of(text, catalogue).map(g -> g.inspector().id()).orElse("-").equals(e.parser())) {
                guessed++;
            }
        }
        System.out.printf("fixture corpus: %d of %d judged as expected (%.1f %%); the parser guess agrees on %d%n",
                judged - wrong.size(), judged, 100.0 * (judged - wrong.size()) / judged, guessed);

        assertThat(judged).isGreaterThan(200);
        assertThat(wrong).as("fixtures judged otherwise than expected.tsv says").isEmpty();
    }

    @Test
    void noOkFindingInTheCorpus_speaksOfTrouble() {
        Catalogue catalogue = Catalogue.standard();
        List<String> contradictions = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (e.parser().equals("-")) {
                continue;
            }
            for (Finding f : catalogue.inspector(e.parser()).orElseThrow().inspect(Fixtures.read(e.fixture()))) {
                if (f.severity() == Severity.OK && TROUBLE.matcher(f.message()).find() && !f.message().startsWith("no ")
                        && !ALLOWED.containsKey(e.fixture() + " " + f.subject())) {
                    contradictions.add(e.fixture() + " " + f.subject() + ": " + f.message());
                }
            }
        }

        assertThat(contradictions).as("OK findings whose words describe a problem").isEmpty();
    }

    private static Severity worst(List<Finding> findings) {
        return findings.stream().map(Finding::severity).max(Comparator.comparing(Severity::rank)).orElseThrow();
    }
}
