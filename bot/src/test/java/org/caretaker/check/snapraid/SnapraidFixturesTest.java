package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SnapRAID fixture, healthy or failing, is understood by the parser its name points to: no finding
 * says the text could not be read. The worst severity of each is pinned, so a change of judgement shows.
 */
class SnapraidFixturesTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/snapraid");

    private static final Map<String, Severity> WORST = Map.ofEntries(
            Map.entry("captured/01-sync.txt", Severity.CRIT),
            Map.entry("captured/02-status.txt", Severity.OK),
            Map.entry("captured/03-status-log.txt", Severity.OK),
            Map.entry("captured/04-smart.txt", Severity.UNKNOWN),
            Map.entry("captured/05-diff.txt", Severity.WARN),
            Map.entry("captured/06-diff-log.txt", Severity.OK),
            Map.entry("captured/07-sync-log.txt", Severity.OK),
            Map.entry("captured/08-status-zero-subsecond.txt", Severity.OK),
            Map.entry("captured/09-scrub-clean.txt", Severity.OK),
            Map.entry("captured/10-scrub-errors.txt", Severity.CRIT),
            Map.entry("captured/11-status-danger.txt", Severity.CRIT),
            Map.entry("captured/12-status-danger-log.txt", Severity.CRIT),
            Map.entry("captured/13-check.txt", Severity.WARN),
            Map.entry("captured/14-fix.txt", Severity.OK),
            Map.entry("captured/15-status-after-fix.txt", Severity.CRIT),
            Map.entry("captured/16-scrub-bad.txt", Severity.OK),
            Map.entry("captured/17-status-clean.txt", Severity.OK),
            Map.entry("captured/18-status-locked.txt", Severity.UNKNOWN),
            Map.entry("captured/19-sync-locked.txt", Severity.UNKNOWN),
            Map.entry("captured/20-diff-locked.txt", Severity.UNKNOWN),
            Map.entry("captured/21-status-d3-unmounted.txt", Severity.OK),
            Map.entry("captured/22-diff-d3-unmounted.txt", Severity.CRIT),
            Map.entry("captured/23-sync-d3-unmounted.txt", Severity.CRIT),
            Map.entry("captured/24-status-d3-dir-gone.txt", Severity.OK),
            Map.entry("captured/25-diff-d3-dir-gone.txt", Severity.CRIT),
            Map.entry("captured/26-sync-d3-dir-gone.txt", Severity.CRIT),
            Map.entry("captured/27-scrub-d3-dir-gone.txt", Severity.CRIT),
            Map.entry("captured/28-status-log-d3-dir-gone.txt", Severity.OK),
            Map.entry("captured/29-smart-log.txt", Severity.UNKNOWN),
            Map.entry("captured/30-status-content-copy-missing.txt", Severity.WARN),
            Map.entry("captured/31-status-content-damaged.txt", Severity.CRIT),
            Map.entry("captured/32-sync-interrupted.txt", Severity.WARN),
            Map.entry("captured/33-status-sync-interrupted.txt", Severity.WARN),
            Map.entry("captured/34-status-log-sync-interrupted.txt", Severity.WARN),
            Map.entry("captured/35-status-no-config.txt", Severity.UNKNOWN),
            Map.entry("captured/36-status-config-without-content.txt", Severity.UNKNOWN),
            Map.entry("public/check-1-recoverable-error-missing-file.txt", Severity.WARN),
            Map.entry("public/diff-1-added-2-removed.txt", Severity.OK),
            Map.entry("public/diff-1-removed.txt", Severity.OK),
            Map.entry("public/diff-2-updated-no-file-lines.txt", Severity.OK),
            Map.entry("public/diff-3-added-escaped-paths.txt", Severity.OK),
            Map.entry("public/diff-added-removed-restored.txt", Severity.OK),
            Map.entry("public/smart-report-2-parity-error-count-17-fp-100pct.txt", Severity.CRIT),
            Map.entry("public/status-danger-1-error-1pct-not-scrubbed.txt", Severity.CRIT),
            Map.entry("public/status-danger-781-errors.txt", Severity.CRIT),
            Map.entry("public/status-no-error-detected.txt", Severity.OK),
            Map.entry("public/status-not-fully-synced-sync-99pct-41pct-unscrubbed-1-error.txt", Severity.CRIT),
            Map.entry("public/status-v13-machine-log-interleaved-l-stderr.txt", Severity.OK),
            Map.entry("public/status-v13-no-error-100pct-unscrubbed-with-prompt.txt", Severity.OK),
            Map.entry("public/sync-everything-ok-4-data-disks.txt", Severity.OK),
            Map.entry("real/1-diff.txt", Severity.CRIT),
            Map.entry("real/1-status.txt", Severity.CRIT),
            Map.entry("real/2-diff.txt", Severity.OK),
            Map.entry("real/2-smart.txt", Severity.UNKNOWN),
            Map.entry("real/2-status.txt", Severity.OK),
            Map.entry("real/2-sync.txt", Severity.CRIT),
            Map.entry("real/3-diff-v.txt", Severity.OK),
            Map.entry("real/3-diff.txt", Severity.OK),
            Map.entry("real/3-status.txt", Severity.OK),
            Map.entry("real/4-scrub.txt", Severity.OK),
            Map.entry("real/4-status.txt", Severity.OK),
            Map.entry("real/4-sync.txt", Severity.OK));

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(p -> p.toString().endsWith(".txt") && !p.toString().endsWith(".source.txt"))
                    .map(p -> DIR.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("real/version.txt"))
                    .sorted().toList().stream();
        }
    }

    static String parserFor(String fixture) {
        String name = fixture.substring(fixture.indexOf('/') + 1);
        for (String word : List.of("status", "diff", "sync", "scrub", "smart")) {
            if (name.contains(word)) {
                return "snapraid-" + word;
            }
        }
        return "snapraid-check";
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixture_isReadAndJudgedAsPinned(String fixture) throws Exception {
        String text = Fixtures.read("snapraid/" + fixture);
        switch (parserFor(fixture)) {
            case "snapraid-status" -> StatusParser.parse(text);
            case "snapraid-diff" -> DiffParser.parse(text);
            case "snapraid-sync" -> RunParser.parse(RunReport.Command.SYNC, text);
            case "snapraid-scrub" -> RunParser.parse(RunReport.Command.SCRUB, text);
            case "snapraid-smart" -> SmartTableParser.parse(text);
            default -> RunParser.parse(RunReport.Command.CHECK, text);
        }

        List<Finding> findings = Fixtures.inspect(parserFor(fixture), "snapraid/" + fixture);

        assertThat(WORST).containsKey(fixture);
        assertThat(Severity.worst(findings.stream().map(Finding::severity).toList())).as(fixture).isEqualTo(WORST.get(fixture));
    }
}
