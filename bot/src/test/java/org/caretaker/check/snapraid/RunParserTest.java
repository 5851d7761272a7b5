package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.caretaker.check.Fixtures;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.snapraid.RunReport.Command;
import org.caretaker.check.snapraid.RunReport.Outcome;
import org.junit.jupiter.api.Test;

class RunParserTest {

    private static RunReport parse(Command c, String fixture) throws Exception {
        return RunParser.parse(c, Fixtures.read("snapraid/" + fixture));
    }

    @Test
    void goodSync_endsEverythingOkWithTheProgressBehindCarriageReturns() throws Exception {
        RunReport r = parse(Command.SYNC, "real/2-sync.txt");

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.percent()).isEqualTo(OptionalInt.of(100));
        assertThat(r.accessedMb()).isEqualTo(OptionalLong.of(119));
        assertThat(r.errorTotal()).isZero();
    }

    @Test
    void syncCapturedWithoutProgress_isOk() throws Exception {
        RunReport r = parse(Command.SYNC, "public/sync-everything-ok-4-data-disks.txt");

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.percent()).isEmpty();
    }

    @Test
    void scrubFindingCorruption_countsTheDataErrorAndNamesTheFile() throws Exception {
        RunReport r = parse(Command.SCRUB, "captured/10-scrub-errors.txt");

        assertThat(r.outcome()).isEqualTo(Outcome.ERRORS);
        assertThat(r.dataErrors()).isEqualTo(OptionalLong.of(1));
        assertThat(r.fileErrors()).isEqualTo(OptionalLong.of(0));
        assertThat(r.ioErrors()).isEqualTo(OptionalLong.of(0));
        assertThat(r.errorLines()).containsExactly(
                "Data error in file '/mnt/pool0/array/d2/photos/img_5.jpg' at position '0', diff bits 63/128");
        assertThat(r.errorTotal()).isEqualTo(1);
    }

    @Test
    void scrubWithLog_takesCountersFromTheTags() throws Exception {
        RunReport r = parse(Command.SCRUB, "captured/16-scrub-bad.txt");

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.dataErrors()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void check_countsRecoverableErrors() throws Exception {
        RunReport r = parse(Command.CHECK, "public/check-1-recoverable-error-missing-file.txt");

        assertThat(r.command()).isEqualTo(Command.CHECK);
        assertThat(r.outcome()).isEqualTo(Outcome.ERRORS);
        assertThat(r.errors()).isEqualTo(OptionalLong.of(1));
        assertThat(r.unrecoverable()).isEqualTo(OptionalLong.of(0));
        assertThat(r.errorLines()).containsExactly(
                "Missing file '/srv/array/status-20251206-094002.log'.",
                "recoverable status-20251206-094002.log");
    }

    @Test
    void fixThatRecoveredEverything_isOk() throws Exception {
        RunReport r = parse(Command.CHECK, "captured/14-fix.txt");

        assertThat(r.command()).isEqualTo(Command.FIX);
        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.recovered()).isEqualTo(OptionalLong.of(1));
        assertThat(r.errorTotal()).isZero();
    }

    @Test
    void interruptedSync() throws Exception {
        assertThat(parse(Command.SYNC, "captured/32-sync-interrupted.txt").outcome()).isEqualTo(Outcome.INTERRUPTED);
    }

    @Test
    void lockOrMissingDisk_refuseTheRun() throws Exception {
        assertThat(parse(Command.SYNC, "captured/19-sync-locked.txt").outcome()).isEqualTo(Outcome.REFUSED);
        RunReport unmounted = parse(Command.SYNC, "captured/23-sync-d3-unmounted.txt");
        assertThat(unmounted.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(unmounted.problems().missingDisks()).extracting(ArrayProblems.MissingDisk::disk).containsExactly("d3");
        assertThat(parse(Command.SCRUB, "captured/27-scrub-d3-dir-gone.txt").outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void outputCutBeforeItsEnd_isUnfinished() throws Exception {
        String text = Fixtures.read("snapraid/real/2-sync.txt");
        String cut = text.substring(0, text.indexOf("41%, 37 MB") + "41%, 37 MB".length());

        RunReport r = RunParser.parse(Command.SYNC, cut);

        assertThat(r.outcome()).isEqualTo(Outcome.UNFINISHED);
        assertThat(r.percent()).isEqualTo(OptionalInt.of(41));
    }

    @Test
    void garbage_isUnparseableWithAnExcerpt() {
        assertThatThrownBy(() -> RunParser.parse(Command.SCRUB, "Segmentation fault\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("no ending of a snapraid scrub (Everything OK, error counts, Nothing to do) in the output")
                .extracting(e -> ((UnparseableOutputException) e).excerpt()).isEqualTo("\"Segmentation fault\"");
        assertThatThrownBy(() -> RunParser.parse(Command.SYNC, "")).hasMessage("snapraid sync printed nothing");
    }
}
