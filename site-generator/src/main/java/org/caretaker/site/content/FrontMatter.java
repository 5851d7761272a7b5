package org.caretaker.site.content;

import java.util.List;
import java.util.Objects;

/**
 * The YAML block at the top of a content page.
 *
 * @param title   the page title; the first heading when absent
 * @param summary one sentence for lists and search results
 * @param tags    tag names, sorted
 * @param checks  ids of the checks this page explains; the page shows their live state
 * @param order   position in navigation, lower first; then by title
 */
public record FrontMatter(String title, String summary, List<String> tags, List<String> checks, int order) {
    public FrontMatter {
        title = title == null ? "" : title.strip();
        summary = summary == null ? "" : summary.strip();
        tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).map(String::strip).distinct().sorted().toList();
        checks = checks == null ? List.of() : checks.stream().filter(Objects::nonNull).map(String::strip).distinct().sorted().toList();
    }

    public static FrontMatter empty() {
        return new FrontMatter("", "", List.of(), List.of(), 1000);
    }
}
