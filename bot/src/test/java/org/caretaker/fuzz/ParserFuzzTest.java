package org.caretaker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Inspector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A short run of the parser fuzzer on every parser; {@code bench/fuzz/run.sh} runs a million rounds each. */
class ParserFuzzTest {
    private static ParserFuzz fuzz;

    @BeforeAll
    static void seeds() {
        fuzz = new ParserFuzz(Path.of("src/test/resources/fixtures"));
    }

    static Stream<Inspector> parsers() {
        return Catalogue.standard().inspectors().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void mutatedRealOutput_isJudgedOrRefused_neverCrashes(Inspector parser) {
        assertThat(fuzz.seedsFor(parser)).as("seed outputs for " + parser.id()).isNotEmpty();

        ParserFuzz.Result r = fuzz.run(parser, 400, 20261203L);

        assertThat(r.crashSamples()).as(parser.id()).isEmpty();
        assertThat(r.crashes()).isZero();
        assertThat(r.rounds()).isEqualTo(400);
        assertThat(r.refused()).as("some mutated inputs must get past the parser, or it is not being exercised").isLessThan(400);
    }

    @Test
    void mutations_changeTheText_andAreReproducible() {
        String seed = "pool: tank\n state: ONLINE\n  scan: scrub repaired 0B in 00:10:12 with 0 errors\n";
        String a = fuzz.mutate(seed, new SplittableRandom(7), 3);
        String b = fuzz.mutate(seed, new SplittableRandom(7), 3);
        assertThat(a).isEqualTo(b);
        long changed = new SplittableRandom(1).ints(200, 0, Integer.MAX_VALUE)
                .filter(s -> !fuzz.mutate(seed, new SplittableRandom(s), 2).equals(seed)).count();
        assertThat(changed).isGreaterThan(150);
    }
}
