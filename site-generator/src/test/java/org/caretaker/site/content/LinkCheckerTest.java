package org.caretaker.site.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.SiteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCheckerTest {
    @TempDir
    Path dir;

    private void page(String path, String text) throws IOException {
        Path f = dir.resolve("content").resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private SiteBuildException failure() {
        return catchThrowableOfType(SiteBuildException.class, () -> SiteGenerator.load(
                SiteOptions.of(dir.resolve("content"), dir.resolve("templates"), dir.resolve("out"))).close());
    }

    @Test
    void brokenLinksAndAnchors_failTheBuild_namingFileAndLine() throws IOException {
        page("index.md", "---\ntitle: Home\n---\n\n# Home\n\nSee [zfs](runbook/zfs.md#degraded-pool).\n"
                + "And [nothing](runbook/nope.md).\n\n[here](#nowhere) and [home](#home)\n");
        page("runbook/zfs.md", "# ZFS\n\n## Degraded pool\n\nBack [up](../index.md#gone), [out](../../etc/passwd),\n"
                + "[html](../tags.html), [bad html](../hosts.html), [picture](img/pool.png), [run](javascript:alert(1)).\n");

        SiteBuildException e = failure();

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly(
                "index.md:8: link runbook/nope.md: there is no page runbook/nope.md",
                "index.md:10: anchor #nowhere is not a heading of this page",
                "runbook/zfs.md:5: link ../../etc/passwd leads outside the site",
                "runbook/zfs.md:5: link ../index.md#gone: index.md has no heading with id gone",
                "runbook/zfs.md:6: link ../hosts.html: the site has no page hosts.html (link to the .md file)",
                "runbook/zfs.md:6: link img/pool.png: there is no file runbook/img/pool.png",
                "runbook/zfs.md:6: link javascript:alert(1) would run code; link to a page or a web address instead");
        assertThat(e.getMessage()).startsWith("the site was not built:\n  index.md:8: ");
    }

    @Test
    void goodLinks_pass_andMdLinksBecomeHtml() throws IOException {
        page("index.md", "# Home\n\n[zfs](runbook/zfs.md#degraded-pool) [web](https://openzfs.org/) [tags](tags.html)\n");
        page("runbook/zfs.md", "# ZFS\n\n## Degraded pool\n\n![pool](img/pool.png) [home](../index.md) [self](#degraded-pool)\n");
        page("runbook/img/pool.png", "png");

        try (SiteGenerator site = SiteGenerator.load(SiteOptions.of(dir.resolve("content"), dir.resolve("t"), dir.resolve("out")))) {
            assertThat(site.pages().get("index.md").bodyHtml())
                    .contains("<a href=\"runbook/zfs.html#degraded-pool\">zfs</a>")
                    .contains("<a href=\"https://openzfs.org/\" rel=\"noopener noreferrer\" class=\"external\">web</a>");
            assertThat(site.pages().get("runbook/zfs.md").bodyHtml()).contains("<a href=\"../runbook.html\">home</a>");
        }
    }

    @Test
    void headingIds_followTheRuleTheChecksUse() {
        assertThat(HeadingIds.slug("Degraded pool")).isEqualTo("degraded-pool");
        assertThat(HeadingIds.slug("CrashLoopBackOff")).isEqualTo("crashloopbackoff");
        assertThat(HeadingIds.slug("Layer 0: hypervisor")).isEqualTo("layer-0-hypervisor");
        assertThat(HeadingIds.slug("`zpool` status_now ")).isEqualTo("zpool-status-now");
    }

    @Test
    void frontMatterWithoutEnd_failsNamingTheFile() throws IOException {
        page("index.md", "---\ntitle: Home\n\n# Home\n");
        assertThat(failure().problems()).containsExactly("index.md:1: front matter starts with --- but never ends");
    }
}
