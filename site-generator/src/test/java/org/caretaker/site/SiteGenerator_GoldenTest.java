package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole pages compared with golden files under {@code src/test/resources/golden/}. After a deliberate change
 * to templates or rendering, regenerate them with {@code mvn -pl site-generator test -Dgolden.update=true}
 * and review the diff.
 */
class SiteGenerator_GoldenTest {
    private static final Path GOLDEN = TestSites.REPO.resolve("site-generator/src/test/resources/golden");

    @TempDir
    static Path out;

    @BeforeAll
    static void build() {
        try (SiteGenerator site = TestSites.load(TestSites.fixtureContent(), out)) {
            site.build(TestSites.fixtureSnapshot());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "hosts/pve.html", "checks/disk-usage.html", "runbook/zfs.html",
            "runbook.html", "calendar.html", "commands.html", "tags.html", "search-index.js", "search-status.js", "sitemap.xml", "live/zfs-pools.html"})
    void pageMatchesItsGoldenFile(String page) throws IOException {
        String actual = Files.readString(out.resolve(page), StandardCharsets.UTF_8);
        Path golden = GOLDEN.resolve(page.replace('/', '-'));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
