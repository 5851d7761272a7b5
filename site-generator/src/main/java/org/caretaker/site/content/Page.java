package org.caretaker.site.content;

import java.util.List;
import java.util.Set;

/**
 * One content page after Markdown: its HTML body (made by flexmark from our own {@code content/}, never from
 * a host), its headings and the links it contains. Immutable, so the status re-render can reuse it.
 *
 * @param source  the path under the content folder, with '/' separators: {@code runbook/zfs.md}
 * @param url     the output path: {@code runbook/zfs.html}
 */
public record Page(String source, String url, FrontMatter meta, String title, String bodyHtml,
                   List<Heading> headings, List<LinkRef> links, String plainText) {

    /** The ids a link may point at with {@code #id}. */
    public Set<String> ids() {
        return Set.copyOf(headings.stream().map(Heading::id).toList());
    }
}
