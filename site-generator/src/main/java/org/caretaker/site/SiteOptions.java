package org.caretaker.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the generator reads and writes, and the few choices it makes.
 *
 * @param content    the runbook's Markdown folders ({@code content/}), lowest layer first: a file in a later folder
 *                   replaces the file with the same relative path in an earlier one, other files are added
 * @param templates  the templates folders, layered the same way; their {@code static/} files (CSS, JavaScript) are
 *                   copied to the site. The {@code .jte} templates themselves are compiled into the generator at
 *                   build time, so nothing else in these folders is read
 * @param out        the site folder to write
 * @param baseUrl    the site's public address, for the sitemap; ends with '/'
 * @param staleAfter how old a snapshot may be before pages say it is stale
 * @param threads    threads for parsing and rendering pages
 * @param title      the site's title, shown in every page's header and title; empty for the lab's name from the
 *                   status snapshot
 */
public record SiteOptions(List<Path> content, List<Path> templates, Path out, String baseUrl, Duration staleAfter, int threads,
                          String title) {
    public SiteOptions {
        content = List.copyOf(content);
        templates = List.copyOf(templates);
        if (content.isEmpty()) {
            throw new IllegalArgumentException("content needs at least one folder");
        }
        title = title == null ? "" : title.strip();
        Objects.requireNonNull(out, "out");
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://127.0.0.1:8485/" : baseUrl;
        if (!baseUrl.endsWith("/")) {
            baseUrl = baseUrl + "/";
        }
        staleAfter = staleAfter == null ? Duration.ofHours(26) : staleAfter;
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, not " + staleAfter);
        }
        if (threads < 1) {
            threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** One content folder and one templates folder, titled with the lab's name. */
    public SiteOptions(Path content, Path templates, Path out, String baseUrl, Duration staleAfter, int threads) {
        this(List.of(content), List.of(templates), out, baseUrl, staleAfter, threads, "");
    }

    /** The usual choices: every core, stale after 26 hours (a missed daily run). */
    public static SiteOptions of(Path content, Path templates, Path out) {
        return new SiteOptions(content, templates, out, null, null, 0);
    }

    /** The usual choices, with layered folders and a title (empty for the lab's name). */
    public static SiteOptions of(List<Path> content, List<Path> templates, Path out, String title) {
        return new SiteOptions(content, templates, out, null, null, 0, title);
    }
}
