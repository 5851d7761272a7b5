package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.caretaker.check.Fixtures;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class StatusParserTest {

    private static ArrayStatus parse(String fixture) throws Exception {
        return StatusParser.parse(Fixtures.read("snapraid/" + fixture));
    }

    @Test
    void dangerWith781Errors_readsEveryLineOfTheReport() throws Exception {
        ArrayStatus s = parse("public/status-danger-781-errors.txt");

        assertThat(s.reported()).isTrue();
        assertThat(s.errors()).isEqualTo(OptionalLong.of(781));
        assertThat(s.errorBlocks()).isEqualTo("blocks 17020 to 7570920");
        assertThat(s.disks()).extracting(ArrayStatus.DiskRow::name).containsExactly("d1", "d2", "d3", "d4");
        assertThat(s.disks().get(3)).isEqualTo(new ArrayStatus.DiskRow("d4", 3097, 13, 19, OptionalDouble.empty(),
                OptionalDouble.of(2010), OptionalDouble.of(181), OptionalInt.of(91)));
        assertThat(s.files()).isEqualTo(OptionalLong.of(39591));
        assertThat(s.scrubAge()).contains(new ArrayStatus.ScrubAge(77, 35, 0));
        assertThat(s.synced()).contains(true);
        assertThat(s.unscrubbedPercent()).isEqualTo(OptionalInt.of(1));
        assertThat(s.zeroSubsecond()).isEqualTo(OptionalLong.of(34842));
        assertThat(s.empty()).isFalse();
        assertThat(s.problems().none()).isTrue();
    }

    @Test
    void unfinishedSync_givesItsPercentage() throws Exception {
        ArrayStatus s = parse("public/status-not-fully-synced-sync-99pct-41pct-unscrubbed-1-error.txt");

        assertThat(s.synced()).contains(false);
        assertThat(s.syncPercent()).isEqualTo(OptionalInt.of(99));
        assertThat(s.unscrubbedPercent()).isEqualTo(OptionalInt.of(41));
        assertThat(s.errors()).isEqualTo(OptionalLong.of(1));
        assertThat(s.errorBlocks()).isEqualTo("block 6445041");
    }

    @Test
    void interruptedSyncOnDebian12_isNotFullySynced() throws Exception {
        ArrayStatus s = parse("captured/33-status-sync-interrupted.txt");

        assertThat(s.synced()).contains(false);
        assertThat(s.syncPercent()).isEqualTo(OptionalInt.of(13));
        assertThat(s.unscrubbedPercent()).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void version13Wording_withShellPrompt_isRead() throws Exception {
        ArrayStatus s = parse("public/status-v13-no-error-100pct-unscrubbed-with-prompt.txt");

        assertThat(s.unscrubbedPercent()).isEqualTo(OptionalInt.of(100));
        assertThat(s.errors()).isEqualTo(OptionalLong.of(0));
        assertThat(s.disks()).extracting(ArrayStatus.DiskRow::name).containsExactly("test1", "test2");
        assertThat(s.disks().get(1).freeGb()).isEmpty();
        assertThat(s.disks().get(1).wastedGb()).isEmpty();
    }

    @Test
    void beforeTheFirstSync_theArrayIsEmptyAndNoContentFileWasFound() throws Exception {
        ArrayStatus s = parse("real/1-status.txt");

        assertThat(s.empty()).isTrue();
        assertThat(s.errors()).isEmpty();
        assertThat(s.scrubAge()).isEmpty();
        assertThat(s.problems().noContent()).isTrue();
        assertThat(s.problems().contentWarnings()).containsExactly(
                "content file /mnt/array/content/snapraid.content not found (another copy was used)",
                "content file /mnt/array/d1/snapraid.content not found (another copy was used)");
        assertThat(s.disks()).hasSize(3).allSatisfy(d -> assertThat(d.usePercent()).isEmpty());
    }

    @Test
    void lockHeld_isAProblemNotAReport() throws Exception {
        ArrayStatus s = parse("captured/18-status-locked.txt");

        assertThat(s.problems().lockHeld()).isTrue();
        assertThat(s.reported()).isFalse();
        assertThat(s.errors()).isEmpty();
    }

    @Test
    void truncatedContentFile_isAContentFailure() throws Exception {
        ArrayStatus s = parse("captured/31-status-content-damaged.txt");

        assertThat(s.problems().contentFailures()).containsExactly(
                "Unexpected end of content file '/mnt/pool0/array/content/snapraid.content' at offset 3000");
        assertThat(s.problems().contentWarnings()).hasSize(2);
        assertThat(s.reported()).isFalse();
    }

    @Test
    void missingDisk_isInvisibleToStatus() throws Exception {
        ArrayStatus s = parse("captured/24-status-d3-dir-gone.txt");

        assertThat(s.problems().none()).isTrue();
        assertThat(s.errors()).isEqualTo(OptionalLong.of(0));
        assertThat(s.disks()).extracting(ArrayStatus.DiskRow::name).containsExactly("d1", "d2", "d3");
    }

    @Test
    void errorMarksSurviveAFix_untilTheNextScrub() throws Exception {
        assertThat(parse("captured/15-status-after-fix.txt").errors()).isEqualTo(OptionalLong.of(1));
        assertThat(parse("captured/17-status-clean.txt").errors()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void interleavedLog_givesTheSameReportAsTheHumanText() throws Exception {
        ArrayStatus plain = parse("captured/11-status-danger.txt");
        ArrayStatus logged = parse("captured/12-status-danger-log.txt");

        assertThat(logged.errors()).isEqualTo(plain.errors());
        assertThat(logged.disks()).isEqualTo(plain.disks());
        assertThat(logged.zeroSubsecond()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void logTagsAlone_standInForTheHumanReport() throws Exception {
        String tagsOnly = Fixtures.read("snapraid/captured/12-status-danger-log.txt").lines()
                .filter(l -> l.matches("^[a-z_]+:.*")).collect(Collectors.joining("\n"));

        ArrayStatus s = StatusParser.parse(tagsOnly);

        assertThat(s.reported()).isFalse();
        assertThat(s.errors()).isEqualTo(OptionalLong.of(1));
        assertThat(s.synced()).isEqualTo(Optional.of(true));
        assertThat(s.zeroSubsecond()).isEqualTo(OptionalLong.of(3));
        assertThat(s.files()).isEqualTo(OptionalLong.of(75));
    }

    @Test
    void garbage_isUnparseableWithAnExcerpt() {
        assertThatThrownBy(() -> StatusParser.parse("<html><body>502 Bad Gateway</body></html>\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("no SnapRAID status report in the output")
                .extracting(e -> ((UnparseableOutputException) e).excerpt())
                .isEqualTo("\"<html><body>502 Bad Gateway</body></html>\"");
        assertThatThrownBy(() -> StatusParser.parse("  \n")).hasMessage("snapraid status printed nothing");
        assertThatThrownBy(() -> StatusParser.parse(Fixtures.read("snapraid/real/version.txt")))
                .isInstanceOf(UnparseableOutputException.class);
    }
}
