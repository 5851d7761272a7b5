package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.caretaker.check.Fixtures;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class DiffParserTest {

    private static DiffReport parse(String fixture) throws Exception {
        return DiffParser.parse(Fixtures.read("snapraid/" + fixture));
    }

    @Test
    void addsRemovesUpdatesAndMoves_areCountedAndListed() throws Exception {
        DiffReport d = parse("real/3-diff.txt");

        assertThat(d.counts()).containsExactly(Map.entry("equal", 267L), Map.entry("added", 20L), Map.entry("removed", 30L),
                Map.entry("updated", 5L), Map.entry("moved", 3L), Map.entry("copied", 0L), Map.entry("restored", 0L));
        assertThat(d.different()).contains(true);
        assertThat(d.changes()).hasSize(58);
        assertThat(d.changes()).contains(
                new DiffReport.Change("move", "documents/archive/report_02.pdf", "documents/report_02.pdf", ""),
                new DiffReport.Change("remove", "tv/show_x/season_2/S02E24.mkv", "", ""));
    }

    @Test
    void verboseDiff_givesTheSameCounts() throws Exception {
        assertThat(parse("real/3-diff-v.txt").counts()).isEqualTo(parse("real/3-diff.txt").counts());
    }

    @Test
    void noDifferences() throws Exception {
        DiffReport d = parse("real/2-diff.txt");

        assertThat(d.different()).contains(false);
        assertThat(d.count("equal")).isEqualTo(305);
        assertThat(d.changes()).isEmpty();
    }

    @Test
    void escapedPaths_areUnescaped() throws Exception {
        DiffReport d = parse("public/diff-3-added-escaped-paths.txt");

        assertThat(d.changes()).first().isEqualTo(new DiffReport.Change("add",
                "pool/TV/Mr. Robot/Season 3/Mr. Robot - S03E09 - eps3.8_stage3.torrent - 720p HDTV x264.en.srt", "", ""));
        assertThat(DiffParser.unescape("movies/Zoolander\\ \\(2001\\)/a\\\\b")).isEqualTo("movies/Zoolander (2001)/a\\b");
    }

    @Test
    void restoredFiles_areCounted() throws Exception {
        DiffReport d = parse("public/diff-added-removed-restored.txt");

        assertThat(d.count("restored")).isEqualTo(1);
        assertThat(d.changes()).extracting(DiffReport.Change::kind).containsExactly("add", "restore", "remove");
    }

    @Test
    void interleavedLog_namesEachChangesDisk() throws Exception {
        DiffReport d = parse("captured/06-diff-log.txt");

        assertThat(d.changes()).contains(new DiffReport.Change("add", "photos/img_3_renamed.jpg", "", "d2"),
                new DiffReport.Change("update", "docs/note_1.txt", "", "d1"),
                new DiffReport.Change("remove", "photos/img_1.jpg", "", "d3"));
        assertThat(d.changes()).allSatisfy(c -> assertThat(c.disk()).isNotEmpty());
    }

    @Test
    void unmountedDisk_isNamedAndItsFilesCountAsRemoved() throws Exception {
        DiffReport d = parse("captured/22-diff-d3-unmounted.txt");

        assertThat(d.problems().missingDisks()).extracting(ArrayProblems.MissingDisk::disk).containsExactly("d3");
        assertThat(d.count("removed")).isEqualTo(23);
        assertThat(d.problems().noUuid()).containsExactly("d1", "d2", "d3");
    }

    @Test
    void missingDiskDirectory_stopsTheDiffBeforeItsSummary() throws Exception {
        DiffReport d = parse("captured/25-diff-d3-dir-gone.txt");

        assertThat(d.counts()).isEmpty();
        assertThat(d.problems().missingDisks()).extracting(ArrayProblems.MissingDisk::dir)
                .containsExactly("/mnt/pool0/array/d3/");
    }

    @Test
    void lockHeld_isAProblem() throws Exception {
        assertThat(parse("captured/20-diff-locked.txt").problems().lockHeld()).isTrue();
    }

    @Test
    void garbage_isUnparseableWithAnExcerpt() {
        assertThatThrownBy(() -> DiffParser.parse("Loading state from /x...\nComparing...\nKilled\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("no summary of equal/added/removed files in the snapraid diff output")
                .extracting(e -> ((UnparseableOutputException) e).excerpt())
                .isEqualTo("\"Loading state from /x... ⏎ Comparing... ⏎ Killed\"");
    }
}
