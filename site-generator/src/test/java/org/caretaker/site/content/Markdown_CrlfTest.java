package org.caretaker.site.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A page saved with Windows line endings is the same page: its front matter reads the same values, and every
 * line number in an error or in the page's headings and links is the one an editor shows, as for the same file
 * with Unix line endings.
 */
class Markdown_CrlfTest {
    private final Markdown markdown = new Markdown();

    private Page page(String text) {
        return markdown.page("runbook/x.md", "runbook/x.html", text, c -> LinkChecker.rewrite(c.source(), c.href()));
    }

    /** What the build reports for a page it refuses. */
    private List<String> problems(String text) {
        SiteBuildException refused = catchThrowableOfType(SiteBuildException.class, () -> page(text));
        assertThat(refused).as("the page is refused").isNotNull();
        return refused.problems();
    }

    private static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    @Test
    void aFrontMatterErrorInACrlfFile_namesTheLineItIsOn() {
        String text = "---\ntitle: x\n  nested: y\n---\n";

        assertThat(problems(crlf(text))).containsExactly("runbook/x.md:3: front matter: nested values are not supported in front matter");
        assertThat(problems(text)).containsExactly("runbook/x.md:3: front matter: nested values are not supported in front matter");
    }

    @Test
    void anErrorOnTheFirstLineOfCrlfFrontMatter_namesLineTwo() {
        assertThat(problems(crlf("---\n- stray\ntitle: x\n---\n"))).containsExactly("runbook/x.md:2: front matter: a list item without a key above it");
    }

    @Test
    void crlfFrontMatter_readsTheSameValuesAsLf_withNoCarriageReturnsLeft() {
        String text = "---\ntitle: \"ZFS: pools\"\nsummary: plain words # why\ntags: [zfs, storage]\n"
                + "checks:\n  - zfs-pools\n  - smart\norder: 7\n---\n\n# Heading\n";

        FrontMatter expected = new FrontMatter("ZFS: pools", "plain words", List.of("storage", "zfs"), List.of("smart", "zfs-pools"), 7);
        assertThat(page(crlf(text)).meta()).isEqualTo(expected);
        assertThat(page(text).meta()).isEqualTo(expected);
    }

    @Test
    void headingsAndLinksOfACrlfFile_carryTheFileLineNumbers() {
        String text = "---\ntags: [zfs]\n---\n# Pools\n\nSee [disks](disks.md).\n\n## Degraded pool\n\n![chart](chart.png)\n";

        Page crlf = page(crlf(text));

        assertThat(crlf.headings()).containsExactly(new Heading(1, "Pools", "pools", 4),
                new Heading(2, "Degraded pool", "degraded-pool", 8));
        assertThat(crlf.links()).containsExactly(new LinkRef("disks.md", 6), new LinkRef("chart.png", 10));
        assertThat(crlf.headings()).isEqualTo(page(text).headings());
        assertThat(crlf.links()).isEqualTo(page(text).links());
    }

    @Test
    void crlfFrontMatterThatNeverEnds_isAnErrorOnLineOne() {
        assertThat(problems(crlf("---\ntitle: x\n\n# Pools\n"))).containsExactly("runbook/x.md:1: front matter starts with --- but never ends");
    }
}
