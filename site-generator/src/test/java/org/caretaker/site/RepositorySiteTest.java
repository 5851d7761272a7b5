package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.caretaker.site.snapshot.SnapshotJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own runbook and the sample snapshot build: every link in {@code content/} resolves and
 * every runbook anchor in the sample leads to a section.
 */
class RepositorySiteTest {
    @TempDir
    Path out;

    @Test
    void theRunbookAndTheSampleSnapshot_build() {
        try (SiteGenerator site = TestSites.load(TestSites.REPO.resolve("content"), out)) {
            BuildResult r = site.build(new SnapshotJson().read(TestSites.REPO.resolve("examples/status-sample.json")));
            assertThat(r.written()).isGreaterThan(30);
        }
        assertThat(out.resolve("runbook/zfs.html")).exists();
        assertThat(out.resolve("runbook.html")).exists();
        assertThat(Files.exists(out.resolve("static/site.css"))).isTrue();
    }
}
