package org.caretaker.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The runbook site the bot keeps up to date: after every run it writes the status snapshot and re-renders
 * the pages that show it, and its HTTP server serves the folder.
 *
 * @param content   the Markdown runbook folders, the shipped one first: a page in a later folder replaces the page
 *                  with the same path in an earlier one, other pages are added
 * @param templates the folders of the site's static files ({@code static/}), layered the same way
 * @param out       where the site is written
 */
public record SiteConfig(List<Path> content, List<Path> templates, Path out) {
    public SiteConfig {
        content = List.copyOf(content);
        templates = List.copyOf(templates);
        Objects.requireNonNull(out, "out");
    }
}
