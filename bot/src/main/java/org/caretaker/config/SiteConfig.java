package org.caretaker.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The runbook site the bot keeps up to date: after every run it writes the status snapshot and re-renders
 * the pages that show it, and its HTTP server serves the folder.
 *
 * @param content   the Markdown runbook ({@code content/})
 * @param templates the site's templates and static files ({@code templates/})
 * @param out       where the site is written
 * @param title     the site's title in every page's header ({@code site.title}); empty for the lab's name, which is
 *                  the configuration file's name ({@code homelab.yaml} → {@code homelab})
 */
public record SiteConfig(Path content, Path templates, Path out, String title) {
    public SiteConfig {
        title = title == null ? "" : title.strip();
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(out, "out");
    }

    /** A site titled with the lab's name. */
    public SiteConfig(Path content, Path templates, Path out) {
        this(content, templates, out, "");
    }
}
