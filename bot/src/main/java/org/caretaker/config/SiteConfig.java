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
 * @param title     the site's title in every page's header ({@code site.title}); empty for the lab's name, which is
 *                  the configuration file's name ({@code homelab.yaml} → {@code homelab})
 */
public record SiteConfig(List<Path> content, List<Path> templates, Path out, String title) {
    public SiteConfig {
        content = List.copyOf(content);
        templates = List.copyOf(templates);
        title = title == null ? "" : title.strip();
        Objects.requireNonNull(out, "out");
    }

    /** A site titled with the lab's name. */
    public SiteConfig(List<Path> content, List<Path> templates, Path out) {
        this(content, templates, out, "");
    }
}
