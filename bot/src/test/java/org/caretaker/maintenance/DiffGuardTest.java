package org.caretaker.maintenance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.caretaker.check.snapraid.DiffParser;
import org.caretaker.check.snapraid.DiffReport;
import org.caretaker.config.WeeklyPolicy;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The limits on real diffs: state 3 of the real array is 20 added, 30 removed, 5 updated, 3 moved. */
class DiffGuardTest {

    private static DiffReport diff(String fixture) throws Exception {
        return DiffParser.parse(Files.readString(ScriptedExecutor.FIXTURES.resolve(fixture)));
    }

    private static WeeklyPolicy policy(long deleted, long updated, long moved, double ratio, List<String> ignore) {
        return new WeeklyPolicy("/etc/snapraid.conf", deleted, updated, moved, ratio, ignore, Duration.ofHours(48));
    }

    @Test
    void countsUnderTheLimits_passWithoutTrips() throws Exception {
        DiffGuard.Assessment a = DiffGuard.assess(diff("snapraid/real/3-diff.txt"), WeeklyPolicy.DEFAULTS);

        assertThat(a.counts()).isEqualTo("20 added, 30 removed, 5 updated, 3 moved");
        assertThat(a.tripped()).isFalse();
        assertThat(a.empty()).isFalse();
    }

    @Test
    void everyLimitReached_isNamed_andZeroDisablesOne() throws Exception {
        DiffGuard.Assessment a = DiffGuard.assess(diff("snapraid/real/3-diff.txt"), policy(30, 5, 0, 1.0, List.of()));

        assertThat(a.trips()).containsExactly("30 removed (limit 30)", "5 updated (limit 5)",
                "30 removed against 20 added (limit 1.0 removed per added)");
    }

    @Test
    void topGroups_areDiskLessFoldersWithTheMostChangesFirst() throws Exception {
        DiffGuard.Assessment a = DiffGuard.assess(diff("snapraid/real/3-diff.txt"), WeeklyPolicy.DEFAULTS);

        assertThat(a.topGroups()).hasSize(DiffGuard.TOP_GROUPS);
        assertThat(a.topGroups().get(0)).isIn("music/artist_c: 10 removed", "photos/2019: 10 removed", "tv/show_x/season_2: 10 removed");
    }

    @Test
    void ignoredPaths_areNotCounted() throws Exception {
        DiffGuard.Assessment a = DiffGuard.assess(diff("snapraid/real/3-diff.txt"),
                policy(11, 0, 0, 0, List.of("photos/**", "music/**")));

        assertThat(a.removed()).isEqualTo(10);
        assertThat(a.tripped()).isFalse();
    }

    @Test
    void fingerprint_ignoresTheOrderSnapraidPrintedIn_butNotTheChanges() throws Exception {
        String plain = DiffGuard.fingerprint(diff("snapraid/real/3-diff.txt"));
        String verbose = DiffGuard.fingerprint(diff("snapraid/real/3-diff-v.txt"));
        String other = DiffGuard.fingerprint(diff("snapraid/real/1-diff.txt"));

        assertThat(plain).hasSize(64).isEqualTo(verbose).isNotEqualTo(other);
    }

    @Test
    void noDifferences_isEmpty() throws Exception {
        DiffGuard.Assessment a = DiffGuard.assess(diff("snapraid/real/2-diff.txt"), WeeklyPolicy.DEFAULTS);

        assertThat(a.empty()).isTrue();
        assertThat(a.counts()).isEqualTo("0 added, 0 removed, 0 updated, 0 moved");
    }
}
