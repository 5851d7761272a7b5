package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The layout Flyway reads: a script anywhere else would be silently skipped, and a version missing from one
 * dialect would leave that database behind.
 */
class MigrationScriptsTest {

    @Test
    void everyScriptLiesWhereFlywayLooks_andIsNamedAsAVersion() {
        assertThat(MigrationScripts.files()).isNotEmpty().allSatisfy(f -> assertThat(f)
                .as("move %s to db/migration/common/ (portable SQL) or to db/migration/h2/ and db/migration/postgresql/ (one each)", f)
                .matches("migration/(common|h2|postgresql)/V[1-9][0-9]*__[a-z0-9_]+\\.sql"));
    }

    @Test
    void aDialectVersionHasAScriptForEachDialect_andNoCommonOneBeside() {
        Set<String> common = versionsIn("common");
        Set<String> h2 = versionsIn("h2");
        Set<String> postgresql = versionsIn("postgresql");

        assertThat(h2).as("versions with an H2 script need a PostgreSQL one, and back").isEqualTo(postgresql);
        assertThat(common).as("a version is either common or per dialect").doesNotContainAnyElementsOf(h2);
    }

    @Test
    void bothDialectsGetTheSameVersions_withoutGapsBelowTheReservedRange() {
        List<String> h2 = MigrationScripts.versions(Database.Dialect.H2);
        List<String> postgresql = MigrationScripts.versions(Database.Dialect.POSTGRESQL);

        assertThat(h2).isEqualTo(postgresql);
        // Versions 7 to 9 are reserved for changes developed at the same time; Flyway applies versions in order
        // whatever the gaps, so a gap there loses nothing. Below them, every version is present.
        List<Integer> versions = h2.stream().map(Integer::parseInt).sorted().toList();
        assertThat(versions.stream().filter(v -> v < 7).toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 6).boxed().toList());
    }

    private static Set<String> versionsIn(String folder) {
        Set<String> out = new TreeSet<>();
        for (String f : MigrationScripts.files()) {
            if (f.startsWith("migration/" + folder + "/")) {
                String name = f.substring(f.lastIndexOf('/') + 1);
                out.add(name.substring(1, name.indexOf("__")));
            }
        }
        return out;
    }
}
