package org.caretaker.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.caretaker.site.content.ContentLoader;
import org.caretaker.site.content.LinkChecker;
import org.caretaker.site.content.Markdown;
import org.caretaker.site.content.Page;
import org.caretaker.site.content.SiteBuildException;
import org.caretaker.site.content.SitePaths;
import org.caretaker.site.render.OutputLinks;
import org.caretaker.site.render.SearchEntries;
import org.caretaker.site.render.SiteWriter;
import org.caretaker.site.render.StatusPages;
import org.caretaker.site.render.Templates;
import org.caretaker.site.render.Views;
import org.caretaker.site.snapshot.StatusSnapshot.CheckInfo;
import org.caretaker.site.snapshot.StatusSnapshot.FindingStatus;
import org.caretaker.site.snapshot.StatusSnapshot;

/**
 * The runbook site: {@code content/} Markdown and a {@link StatusSnapshot} in, a static folder out.
 *
 * <p>{@link #load} reads and checks the content once (broken links fail here, naming file and line).
 * {@link #build} writes the whole site; {@link #renderStatus} is what the bot calls after each run: it
 * renders only the status pages and the small live-state fragments that runbook pages frame, and writes only
 * files whose bytes changed. Unchanged input gives a byte-identical site: no clock is read, everything is sorted.
 *
 * <p>One instance belongs to one output folder; calls are serialised.
 */
public final class SiteGenerator implements AutoCloseable {
    /** Pages the generator makes itself, which content may link to. */
    static final Set<String> GENERATED = Set.of("index.html", "runbook.html", "calendar.html", "commands.html",
            "tags.html", "search.html", "404.html", "sitemap.xml", "search-index.js", "search-status.js");
    /** Folders that hold only what the latest snapshot names. */
    private static final List<String> STATUS_FOLDERS = List.of("hosts", "checks", "live");
    /** Browser code copied from the generator's own resources, with its licence: vendored, never fetched. */
    private static final List<String> VENDORED = List.of("minisearch.js", "minisearch-license.txt");

    private final SiteOptions options;
    private final ForkJoinPool pool;
    private final Map<String, Page> pages;
    private final Map<String, Path> otherFiles;
    private final LinkChecker links;
    private final Templates templates = new Templates();
    private final StatusPages statusPages;
    private final SiteWriter writer;
    private final List<Views.NavItem> nav;
    private final Set<String> relatedChecks;
    /** The content's half of the search index, serialised once: only hosts and checks follow the status. */
    private final byte[] contentSearch;
    /** Every file of the site as last written, parsed for the output link check. */
    private final OutputLinks outputLinks = new OutputLinks();
    private boolean built;

    private SiteGenerator(SiteOptions options, ForkJoinPool pool, ContentLoader.Content content) {
        this.options = options;
        this.pool = pool;
        this.pages = content.pages();
        this.otherFiles = content.otherFiles();
        this.links = new LinkChecker(pages, otherFiles.keySet(), GENERATED);
        this.writer = new SiteWriter(options.out());
        Map<String, String> checkRunbooks = new TreeMap<>();
        Set<String> related = new TreeSet<>();
        for (Page p : pages.values()) {
            for (String c : p.meta().checks()) {
                checkRunbooks.putIfAbsent(c, p.url());
                related.add(c);
            }
        }
        this.relatedChecks = Set.copyOf(related);
        this.statusPages = new StatusPages(templates, options.staleAfter(), checkRunbooks);
        List<SearchEntries.Entry> entries = new ArrayList<>();
        for (Page p : pages.values()) {
            entries.addAll(SearchEntries.of(p));
        }
        this.contentSearch = SearchEntries.script("content", entries);
        this.nav = pages.values().stream()
                .sorted(Comparator.comparingInt((Page p) -> p.meta().order()).thenComparing(Page::title).thenComparing(Page::source))
                .map(p -> new Views.NavItem(p.title(), p.url(), false)).toList();
    }

    /**
     * Reads the content and checks every internal link and anchor.
     *
     * @throws SiteBuildException naming each broken link's file and line
     */
    public static SiteGenerator load(SiteOptions options) {
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            ContentLoader.Content content = new ContentLoader(new Markdown(), pool).load(options.content());
            List<String> problems = new LinkChecker(content.pages(), content.otherFiles().keySet(), GENERATED).problems();
            if (!problems.isEmpty()) {
                throw new SiteBuildException(problems);
            }
            return new SiteGenerator(options, pool, content);
        } catch (RuntimeException e) {
            pool.shutdownNow();
            throw e;
        }
    }

    /** The content pages, by source path ({@code runbook/zfs.md}). */
    public Map<String, Page> pages() {
        return pages;
    }

    /**
     * Writes the whole site, after checking every link of every page it is about to write.
     *
     * @throws SiteBuildException naming each page and link that leads nowhere; nothing is written then
     */
    public synchronized BuildResult build(StatusSnapshot snapshot) {
        checkAnchors(snapshot);
        writer.takeCounts();
        String title = title(snapshot);
        List<Page> all = new ArrayList<>(pages.values());
        Map<String, byte[]> rendered = new java.util.concurrent.ConcurrentHashMap<>();
        parallel(all, p -> rendered.put(p.url(), renderPage(p, title)));
        Map<String, byte[]> files = new TreeMap<>(rendered);
        files.putAll(statusFiles(snapshot));
        files.put("tags.html", templates.render("tags.jte", new Views.TagsPage(contentLayout(title, "Tags", "tags.html", "tags"), tags())));
        files.put("search-index.js", contentSearch);
        files.put("search.html", templates.render("search.jte", new Views.Plain(contentLayout(title, "Search", "search.html", "search"))));
        files.put("404.html", templates.render("notfound.jte", new Views.Plain(
                new Views.Layout("Not found", "/", "", title, "", "", options.staleAfter().toSeconds()))));
        Map<String, byte[]> statics = staticFiles();
        List<Map.Entry<String, byte[]>> everything = new ArrayList<>(files.entrySet());
        everything.addAll(statics.entrySet());
        outputLinks.forgetAll();
        parallelDo(everything, e -> outputLinks.add(e.getKey(), e.getValue()));
        failOnBrokenLinks();
        writeAll(files);
        writeAll(statics);
        prune(files);
        built = true;
        int[] counts = writer.takeCounts();
        return new BuildResult(files.size(), counts[0], counts[1], outputLinks.count());
    }

    /** The site's title: the configured one, else the lab's name from the snapshot. */
    private String title(StatusSnapshot s) {
        return options.title().isEmpty() ? s.lab() : options.title();
    }

    private void failOnBrokenLinks() {
        List<String> problems = outputLinks.problems();
        if (!problems.isEmpty()) {
            throw new SiteBuildException(problems.stream().map(p -> "generated page " + p).toList());
        }
    }

    /**
     * Re-renders what depends on the status: the status pages, the live-state fragments that runbook pages
     * frame, the search index and the sitemap (hosts may come and go). Runbook pages themselves do not
     * depend on the status and are not touched. Call {@link #build} once first, after a start.
     */
    public synchronized BuildResult renderStatus(StatusSnapshot snapshot) {
        checkAnchors(snapshot);
        writer.takeCounts();
        Map<String, byte[]> files = statusFiles(snapshot);
        if (built) {
            // Checked against the runbook pages of the last full build, which a status re-render leaves alone.
            outputLinks.forgetFolders(STATUS_FOLDERS);
            parallelDo(new ArrayList<>(files.entrySet()), e -> outputLinks.add(e.getKey(), e.getValue()));
            failOnBrokenLinks();
        }
        writeAll(files);
        prune(files);
        int[] counts = writer.takeCounts();
        return new BuildResult(files.size(), counts[0], counts[1]);
    }

    /** Renders the status-dependent files on the generator's threads. */
    private Map<String, byte[]> statusFiles(StatusSnapshot snapshot) {
        try {
            return pool.submit(() -> {
                String title = title(snapshot);
                Map<String, byte[]> files = new LinkedHashMap<>(statusPages.render(snapshot, title, relatedChecks));
                files.putAll(statusPages.liveFragments(snapshot, title, relatedChecks));
                files.putAll(sharedFiles(snapshot));
                return files;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Status folders hold only what the latest snapshot names. */
    private void prune(Map<String, byte[]> statusFiles) {
        for (String folder : STATUS_FOLDERS) {
            writer.prune(folder, statusFiles.keySet());
        }
    }

    private void writeAll(Map<String, byte[]> files) {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(files.entrySet());
        try {
            pool.submit(() -> list.parallelStream().forEach(e -> writer.write(e.getKey(), e.getValue()))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void checkAnchors(StatusSnapshot s) {
        List<String> problems = new ArrayList<>();
        for (FindingStatus f : s.findings()) {
            if (!f.runbook().isEmpty()) {
                String problem = links.checkAnchor(f.runbook());
                if (problem != null) {
                    problems.add("status snapshot: finding " + f.host() + "/" + f.check() + "/" + f.subject() + ": " + problem);
                }
            }
        }
        for (CheckInfo c : s.checks()) {
            if (!c.runbook().isEmpty()) {
                String anchor = c.runbook().contains("#") ? c.runbook() : c.runbook() + "#x";
                String problem = links.checkAnchor(anchor);
                if (problem != null && (c.runbook().contains("#") || !pages.containsKey(c.runbook() + ".md"))) {
                    problems.add("status snapshot: check " + c.id() + ": " + problem.replace("#x", ""));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SiteBuildException(problems);
        }
    }

    private byte[] renderPage(Page p, String title) {
        List<Views.TocEntry> toc = p.headings().stream().filter(h -> h.level() == 2 || h.level() == 3)
                .map(h -> new Views.TocEntry(h.level(), h.text(), h.id())).toList();
        List<Views.TagLink> tags = p.meta().tags().stream().map(t -> new Views.TagLink(t, "tags.html#" + tagId(t))).toList();
        List<Views.LiveLink> live = p.meta().checks().stream()
                .map(c -> new Views.LiveLink(c, StatusPages.liveUrl(c), StatusPages.checkUrl(c))).toList();
        return templates.render("page.jte", new Views.RunbookPage(contentLayout(title, p.title(), p.url(), "runbook"), p, toc,
                live, tags));
    }

    private Views.Layout contentLayout(String siteTitle, String title, String url, String section) {
        return new Views.Layout(title, SitePaths.root(url), section, siteTitle, "", "", options.staleAfter().toSeconds());
    }

    private static String tagId(String tag) {
        return "tag-" + org.caretaker.site.render.Slugs.of(tag);
    }

    private List<Views.TagGroup> tags() {
        Map<String, List<Views.NavItem>> byTag = new TreeMap<>();
        Map<String, Page> byUrl = new HashMap<>();
        pages.values().forEach(p -> byUrl.put(p.url(), p));
        for (Views.NavItem item : nav) {
            for (String t : byUrl.get(item.href()).meta().tags()) {
                byTag.computeIfAbsent(t, k -> new ArrayList<>()).add(item);
            }
        }
        List<Views.TagGroup> groups = new ArrayList<>();
        byTag.forEach((t, items) -> groups.add(new Views.TagGroup(t, tagId(t), items)));
        return groups;
    }

    /**
     * The status half of the search index ({@code search-status.json}: hosts and checks) and the sitemap,
     * which lists host and check pages too.
     */
    private Map<String, byte[]> sharedFiles(StatusSnapshot s) {
        Map<String, byte[]> files = new TreeMap<>();
        TreeSet<String> hosts = new TreeSet<>();
        s.hosts().forEach(h -> hosts.add(h.name()));
        s.findings().forEach(f -> hosts.add(f.host()));
        TreeSet<String> checks = new TreeSet<>();
        s.checks().forEach(c -> checks.add(c.id()));
        s.findings().forEach(f -> checks.add(f.check()));
        s.history().forEach(h -> checks.add(h.check()));
        checks.addAll(relatedChecks);
        Map<String, String> checkTitles = new HashMap<>();
        s.checks().forEach(c -> checkTitles.put(c.id(), c.title()));
        Map<String, String> hostTags = new HashMap<>();
        s.hosts().forEach(h -> hostTags.put(h.name(), String.join(" ", h.tags())));
        TreeMap<String, SearchEntries.Entry> entries = new TreeMap<>();
        for (String h : hosts) {
            entries.put(StatusPages.hostUrl(h), new SearchEntries.Entry(StatusPages.hostUrl(h), "host", h, "",
                    hostTags.getOrDefault(h, ""), "host " + h));
        }
        for (String c : checks) {
            entries.put(StatusPages.checkUrl(c), new SearchEntries.Entry(StatusPages.checkUrl(c), "check", c, "", "",
                    ("check " + c.replace('-', ' ') + " " + checkTitles.getOrDefault(c, "")).strip()));
        }
        files.put("search-status.js", SearchEntries.script("status", entries.values()));
        TreeSet<String> urls = new TreeSet<>(entries.keySet());
        pages.values().forEach(p -> urls.add(p.url()));
        urls.addAll(List.of("index.html", "runbook.html", "calendar.html", "commands.html", "tags.html", "search.html"));
        StringBuilder xml = new StringBuilder(urls.size() * 64).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (String u : urls) {
            xml.append("<url><loc>").append(xmlText(options.baseUrl() + u)).append("</loc></url>\n");
        }
        xml.append("</urlset>\n");
        files.put("sitemap.xml", xml.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The templates' static files, the vendored browser code and the content's own non-Markdown files (images), as
     * they are. Of two template folders holding the same static file, the later one's is taken.
     */
    private Map<String, byte[]> staticFiles() {
        Map<String, Path> files = new TreeMap<>();
        for (Path templates : options.templates()) {
            Path staticDir = templates.resolve("static");
            if (Files.isDirectory(staticDir)) {
                try (Stream<Path> walk = Files.walk(staticDir)) {
                    walk.filter(Files::isRegularFile).forEach(f ->
                            files.put("static/" + staticDir.relativize(f).toString().replace('\\', '/'), f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        files.putAll(otherFiles);
        Map<String, byte[]> out = new TreeMap<>();
        try {
            for (Map.Entry<String, Path> f : files.entrySet()) {
                out.put(f.getKey(), Files.readAllBytes(f.getValue()));
            }
            for (String name : VENDORED) {
                try (var in = SiteGenerator.class.getResourceAsStream("vendor/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the generator's jar lacks vendor/" + name);
                    }
                    out.put("static/vendor/" + name, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private <T> int parallelDo(List<T> list, java.util.function.Consumer<T> action) {
        return parallel(list, action);
    }

    private <T> int parallel(List<T> list, java.util.function.Consumer<T> action) {
        try {
            pool.submit(() -> list.parallelStream().forEach(action)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return list.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
