package org.caretaker.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caretaker.site.content.SiteBuildException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The build checks the links of the pages it generates, not only those written in Markdown: a templates folder
 * without the stylesheet every page links to fails the build, naming page and link, and writes nothing.
 */
class SiteGenerator_OutputLinksTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedPageLinkingToAMissingFile_failsTheBuild_namingPageAndLink_andWritesNothing() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Path out = dir.resolve("site");
        try (SiteGenerator site = SiteGenerator.load(new SiteOptions(TestSites.fixtureContent(), templates, out, null, null, 1))) {
            assertThatThrownBy(() -> site.build(TestSites.fixtureSnapshot()))
                    .isInstanceOf(SiteBuildException.class)
                    .satisfies(e -> assertThat(((SiteBuildException) e).problems())
                            .contains("generated page index.html: link static/site.css: the site has no file static/site.css",
                                    "generated page runbook/zfs.html: link ../static/site.js: the site has no file static/site.js"));
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void theSiteTitle_isTheSettingWhenGiven_elseTheLabsName() throws IOException {
        Path out = dir.resolve("titled");
        try (SiteGenerator site = SiteGenerator.load(new SiteOptions(List.of(TestSites.fixtureContent()), List.of(TestSites.TEMPLATES), out,
                null, null, 1, "Attic <lab>"))) {
            site.build(TestSites.fixtureSnapshot());
        }
        assertThat(Files.readString(out.resolve("index.html"))).contains("<title>Status · Attic &lt;lab&gt;</title>");
        assertThat(Files.readString(out.resolve("runbook/zfs.html"))).contains("class=\"brand\" href=\"../index.html\">Attic &lt;lab&gt;</a>");

        Path plain = dir.resolve("plain");
        try (SiteGenerator site = TestSites.load(TestSites.fixtureContent(), plain)) {
            site.build(TestSites.fixtureSnapshot());
        }
        assertThat(Files.readString(plain.resolve("index.html"))).contains("<title>Status · " + TestSites.fixtureSnapshot().lab() + "</title>");
    }
}
