package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.junit.jupiter.api.Test;

/** The six inspectors, judged with the default thresholds, on real output. */
class SnapraidInspectorsTest {

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void healthyStatus_isOkAndCarriesItsNumbers() {
        Finding f = single(inspect("snapraid-status", "snapraid/public/status-no-error-detected.txt"));

        assertThat(f.check()).isEqualTo("snapraid");
        assertThat(f.subject()).isEqualTo("array");
        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("no errors; oldest block scrubbed 69 days ago; 1% never scrubbed; "
                + "34853 files with zero sub-second timestamps (snapraid touch)");
        assertThat(f.metrics()).containsExactly(entry("errors", 0.0), entry("sync_percent", 100.0),
                entry("scrub_oldest_days", 69.0), entry("scrub_median_days", 34.0), entry("scrub_newest_days", 6.0),
                entry("unscrubbed_percent", 1.0), entry("zero_subsecond_files", 34853.0), entry("files", 39452.0));
    }

    @Test
    void danger_isCriticalWithTheErrorCount() {
        Finding f = single(inspect("snapraid-status", "snapraid/public/status-danger-781-errors.txt"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).startsWith("781 errors in the array (blocks 17020 to 7570920): "
                + "repair with snapraid -e fix, then snapraid scrub -p bad; oldest block scrubbed 77 days ago");
        assertThat(f.metrics()).containsEntry("errors", 781.0);
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#silent-corruption");
    }

    @Test
    void unfinishedSyncWithAnError_isCriticalAndSaysBoth() {
        Finding f = single(inspect("snapraid-status",
                "snapraid/public/status-not-fully-synced-sync-99pct-41pct-unscrubbed-1-error.txt"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).contains("1 error in the array (block 6445041)",
                "not fully synced: a sync stopped at 99%; run snapraid sync to finish it", "41% never scrubbed");
        assertThat(f.metrics()).containsEntry("sync_percent", 99.0).containsEntry("unscrubbed_percent", 41.0);
    }

    @Test
    void unfinishedSync_isAWarning() {
        Finding f = single(inspect("snapraid-status", "snapraid/captured/33-status-sync-interrupted.txt"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).startsWith("not fully synced: a sync stopped at 13%; run snapraid sync to finish it; no errors");
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#sync");
    }

    @Test
    void lockHeld_isUnknownWithAClearMessage() {
        Finding f = single(inspect("snapraid-status", "snapraid/captured/18-status-locked.txt"));

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo(
                "another SnapRAID run holds the array's lock (\"SnapRAID is already in use!\"); status could not run");
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#already-in-use");
    }

    @Test
    void contentFiles_missingCopyWarns_brokenOrNoneIsCritical() {
        Finding copy = single(inspect("snapraid-status", "snapraid/captured/30-status-content-copy-missing.txt"));
        assertThat(copy.severity()).isEqualTo(Severity.WARN);
        assertThat(copy.message()).startsWith(
                "content file /mnt/pool0/array/content/snapraid.content not found (another copy was used); no errors");
        assertThat(copy.runbook()).isEqualTo("runbook/snapraid#content-files");

        Finding broken = single(inspect("snapraid-status", "snapraid/captured/31-status-content-damaged.txt"));
        assertThat(broken.severity()).isEqualTo(Severity.CRIT);
        assertThat(broken.message()).isEqualTo("broken content file: Unexpected end of content file "
                + "'/mnt/pool0/array/content/snapraid.content' at offset 3000; do not sync");

        Finding none = single(inspect("snapraid-status", "snapraid/real/1-status.txt"));
        assertThat(none.severity()).isEqualTo(Severity.CRIT);
        assertThat(none.message()).isEqualTo("no content file found, so SnapRAID started from an empty array "
                + "(right only before the first sync); the array is empty: it was never synced");
    }

    @Test
    void diff_carriesEveryCountAsAMetric() {
        Finding f = single(inspect("snapraid-diff", "snapraid/real/3-diff.txt"));

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("changes since the last sync: 20 added, 30 removed, 5 updated, 3 moved, "
                + "0 copied, 0 restored (267 equal)");
        assertThat(f.metrics()).containsExactly(entry("equal", 267.0), entry("added", 20.0), entry("removed", 30.0),
                entry("updated", 5.0), entry("moved", 3.0), entry("copied", 0.0), entry("restored", 0.0));
    }

    @Test
    void diffWithAnUnmountedDisk_isCriticalForThatDisk() {
        List<Finding> findings = inspect("snapraid-diff", "snapraid/captured/22-diff-d3-unmounted.txt");

        assertThat(findings).extracting(Finding::subject, Finding::severity, Finding::runbook).containsExactly(
                tuple("d3", Severity.CRIT, "runbook/snapraid#missing-disk"),
                tuple("array", Severity.WARN, "runbook/snapraid#thresholds"));
        assertThat(only(findings, "d3").message()).isEqualTo(
                "data disk d3 is missing: all its files are gone from /mnt/pool0/array/d3/ (not mounted?); do not sync");
        assertThat(only(findings, "array").message()).startsWith(
                "no filesystem UUID for d1, d2, d3: moves there count as removals plus additions; "
                        + "changes since the last sync: 0 added, 23 removed");
    }

    @Test
    void syncRefusedForAMissingDiskDirectory_isCritical() {
        Finding f = single(inspect("snapraid-sync", "snapraid/captured/26-sync-d3-dir-gone.txt"));

        assertThat(f.subject()).isEqualTo("/mnt/pool0/array/d3/");
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
    }

    @Test
    void goodSyncAndScrub_areOk() {
        assertThat(single(inspect("snapraid-sync", "snapraid/real/4-sync.txt")).message())
                .isEqualTo("sync finished: Everything OK (32 MB accessed)");
        Finding scrub = single(inspect("snapraid-scrub", "snapraid/real/4-scrub.txt"));
        assertThat(scrub.severity()).isEqualTo(Severity.OK);
        assertThat(scrub.metrics()).containsEntry("errors", 0.0);
    }

    @Test
    void scrubFindingCorruption_isCriticalWithTheErrorCount() {
        Finding f = single(inspect("snapraid-scrub", "snapraid/captured/10-scrub-errors.txt"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("scrub found 1 data error (first: Data error in file "
                + "'/mnt/pool0/array/d2/photos/img_5.jpg' at position '0', diff bits 63/128); "
                + "the blocks are marked bad: run snapraid -e fix, then snapraid scrub -p bad");
        assertThat(f.metrics()).containsEntry("errors", 1.0).containsEntry("data_errors", 1.0);
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#silent-corruption");
    }

    @Test
    void interruptedSync_isAWarning() {
        Finding f = single(inspect("snapraid-sync", "snapraid/captured/32-sync-interrupted.txt"));

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).startsWith("sync was interrupted at 0%; the next sync goes on from there");
    }

    @Test
    void check_recoverableErrorWarns_fixThatRecoveredIsOk() {
        Finding check = single(inspect("snapraid-check", "snapraid/captured/13-check.txt"));
        assertThat(check.severity()).isEqualTo(Severity.WARN);
        assertThat(check.message()).isEqualTo("check found 1 recoverable error (first: recoverable photos/img_5.jpg): "
                + "run snapraid -e fix if they are not files deleted since the last sync");

        Finding fix = single(inspect("snapraid-check", "snapraid/captured/14-fix.txt"));
        assertThat(fix.severity()).isEqualTo(Severity.OK);
        assertThat(fix.message()).isEqualTo("fix recovered 1 error; run snapraid scrub -p bad to clear the marks in status");
    }

    @Test
    void smart_judgesTheFailureEstimateAgainstItsThresholds_andKeepsItAsANumber() {
        List<Finding> findings = inspect("snapraid-smart", "snapraid/public/smart-report-2-parity-error-count-17-fp-100pct.txt");

        assertThat(findings).hasSize(8);
        assertThat(findings).filteredOn(f -> f.severity() == Severity.CRIT).extracting(Finding::subject)
                .containsExactly("2-parity", "array");
        assertThat(findings).filteredOn(f -> f.severity() == Severity.WARN).extracting(Finding::subject)
                .containsExactly("d1", "d2", "d3");
        assertThat(only(findings, "2-parity").message()).isEqualTo("2-parity /dev/sdd (serial WD-WCC4N1KACD4K): "
                + "SnapRAID estimates a 100% chance that this disk fails within a year (crit at 90%); 36 °C, 869 days powered on; "
                + "2-parity /dev/sdd (serial WD-WCC4N1KACD4K): 17 errors in the drive's error log; 36 °C, 869 days powered on");
        assertThat(only(findings, "2-parity").runbook()).isEqualTo("runbook/snapraid#failure-estimate");
        assertThat(only(findings, "d1").message()).isEqualTo("d1 /dev/sdc (serial WD-WCC0S0137066): "
                + "SnapRAID estimates a 84% chance that this disk fails within a year (warn at 50%); 40 °C, 2190 days powered on");
        assertThat(only(findings, "d4").message()).isEqualTo("d4 /dev/sda (serial WD-WCC1T1092827): "
                + "37 °C, 1453 days powered on, SnapRAID's one-year risk estimate 4%");
        assertThat(only(findings, "array").metrics()).containsExactly(entry("any_fail_percent", 100.0));
    }

    @Test
    void smart_failureThresholdsCanBeRaised() throws Exception {
        SmartTable table = SmartTableParser.parse(
                org.caretaker.check.Fixtures.read("snapraid/public/smart-report-2-parity-error-count-17-fp-100pct.txt"));
        org.caretaker.check.Findings f = new org.caretaker.check.Findings("snapraid", "nas");

        SmartTableEvaluation.evaluate(table, new org.caretaker.check.Thresholds("snapraid",
                java.util.Map.of("smart-fail-percent-warn", 85.0, "smart-fail-percent-crit", 101.0)), f);

        assertThat(only(f.list(), "d1").severity()).isEqualTo(Severity.OK);
        assertThat(only(f.list(), "2-parity").severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void smartOnVirtualDisks_isUnknown() {
        Finding f = single(inspect("snapraid-smart", "snapraid/real/2-smart.txt"));

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).endsWith("Smart is unsupported in this platform.");
    }

    @Test
    void garbage_isUnknownQuotingIt() {
        Finding f = single(org.caretaker.check.Fixtures.inspector("snapraid-scrub").inspect("bash: snapraid: command not found\n"));

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("no ending of a snapraid scrub (Everything OK, error counts, Nothing to do) "
                + "in the output: \"bash: snapraid: command not found\"");
        assertThat(f.runbook()).isEqualTo("runbook/caretaker#unknown-output");
    }

    @Test
    void ioErrorsDuringASync_areCriticalAndTheFileLinesAreNotFailures() {
        // The ending SnapRAID prints for read errors, as documented; no array here could be made to fail reads.
        String text = """
                Syncing...
                Error reading file '/mnt/disk1/a.mkv'. Input/output error.
                100% completed, 10 MB accessed in 0:00

                       0 file errors
                       2 io errors
                       0 data errors
                DANGER! Unexpected input/output errors! The failing blocks are now marked as bad!
                """;

        Finding f = single(org.caretaker.check.Fixtures.inspector("snapraid-sync").inspect(text));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("sync hit 2 I/O errors: check the disks' SMART and the kernel log");
        assertThat(f.runbook()).isEqualTo("runbook/snapraid#data-disk-failure");
        assertThat(f.metrics()).containsEntry("errors", 2.0).containsEntry("io_errors", 2.0);
    }

    @Test
    void brokenMemory_isCritical() {
        Finding f = single(org.caretaker.check.Fixtures.inspector("snapraid-scrub").inspect(
                "Self test...\nDANGER! Your RAM memory is broken! DO NOT PROCEED UNTIL FIXED!\n"));

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo(
                "SnapRAID's self-test found broken memory: test the RAM before any sync, scrub or fix");
    }
}
