package org.caretaker.site.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {
    private final Markdown markdown = new Markdown();

    private Page page(String text) {
        return markdown.page("runbook/x.md", "runbook/x.html", text, c -> LinkChecker.rewrite(c.source(), c.href()));
    }

    @Test
    void frontMatter_flowAndBlockLists_quotedValues_andComments() {
        Page p = page("---\ntitle: \"ZFS: pools\"\nsummary: 'It''s about pools' # why\ntags: [zfs, storage]\n"
                + "checks:\n  - zfs-pools\n  - smart\norder: 7\n---\n\n# Heading\n");
        assertThat(p.meta()).isEqualTo(new FrontMatter("ZFS: pools", "It's about pools", List.of("storage", "zfs"),
                List.of("smart", "zfs-pools"), 7));
        assertThat(p.title()).isEqualTo("ZFS: pools");
    }

    @Test
    void frontMatter_errorsNameTheLine() {
        assertThatThrownBy(() -> page("---\ntitle: x\n  nested: y\n---\n"))
                .hasMessageContaining("runbook/x.md:3: front matter: nested values are not supported in front matter");
        assertThatThrownBy(() -> page("---\norder: first\n---\n"))
                .hasMessageContaining("runbook/x.md:1: front matter: order must be a whole number, not first");
    }

    @Test
    void headings_tocAndLines_andTheTitleFromTheFirstHeading() {
        Page p = page("---\ntags: []\n---\n# Pools\n\n## Degraded pool\n\ntext\n\n## Degraded pool\n\n### `zpool` status\n");
        assertThat(p.title()).isEqualTo("Pools");
        assertThat(p.headings()).containsExactly(new Heading(1, "Pools", "pools", 4),
                new Heading(2, "Degraded pool", "degraded-pool", 6), new Heading(2, "Degraded pool", "degraded-pool-1", 10),
                new Heading(3, "zpool status", "zpool-status", 12));
        assertThat(p.bodyHtml()).contains("<h2 id=\"degraded-pool-1\">Degraded pool</h2>");
    }

    @Test
    void extensions_tablesTasksStrikethroughAutolinksAdmonitions_andNoRawHtml() {
        String html = page("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- [x] done\n- [ ] ~~old~~\n\nsee https://example.org/\n\n"
                + "!!! warning \"Careful\"\n    Read first.\n\n<script>alert(1)</script>\n").bodyHtml();
        assertThat(html).contains("<table class=\"table\">", "<del>old</del>", "type=\"checkbox\"",
                "<a href=\"https://example.org/\" rel=\"noopener noreferrer\" class=\"external\">https://example.org/</a>",
                "adm-warning", "<span>Careful</span>");
        assertThat(html).doesNotContain("<script>");
    }
}
