package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.caretaker.site.snapshot.SnapshotJson;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent crawl of the site built from the repository's runbook and {@code examples/status-sample.json}:
 * every page is parsed with jsoup (not with the generator's own checker) and every internal {@code href} and
 * {@code src} must name a file of the output, and every fragment an element id of that file.
 */
class SiteCrawlTest {
    @TempDir
    static Path out;
    static BuildResult result;

    @BeforeAll
    static void build() throws IOException {
        // A copy can be kept to look at: -Dsite.keep=<folder>.
        String keep = System.getProperty("site.keep", "");
        try (SiteGenerator site = TestSites.load(TestSites.REPO.resolve("content"), out)) {
            result = site.build(new SnapshotJson().read(TestSites.REPO.resolve("examples/status-sample.json")));
        }
        if (!keep.isEmpty()) {
            for (Map.Entry<String, byte[]> f : TestSites.files(out).entrySet()) {
                Path to = Path.of(keep).resolve(f.getKey());
                Files.createDirectories(to.getParent());
                Files.write(to, f.getValue());
            }
        }
    }

    @Test
    void everyInternalLinkOfTheSampleSite_leadsToAFileAndAnId() throws IOException {
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(out)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        Map<Path, Set<String>> ids = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages) {
            Document doc = Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8), page.toUri().toString());
            for (Element e : doc.select("a[href], link[href], script[src], iframe[src], img[src]")) {
                String raw = e.hasAttr("href") ? e.attr("href") : e.attr("src");
                URI uri = URI.create(raw);
                if (uri.getScheme() != null) {
                    continue;
                }
                links++;
                // "/x" is the site root's x: the 404 page is served at whatever address was asked for.
                Path target = uri.getPath().isEmpty() ? page
                        : uri.getPath().startsWith("/") ? out.resolve(uri.getPath().substring(1)).normalize()
                        : page.getParent().resolve(uri.getPath()).normalize();
                String where = out.relativize(page) + ": " + raw;
                if (!target.startsWith(out) || !Files.isRegularFile(target)) {
                    broken.add(where + " (no such file)");
                } else if (uri.getFragment() != null && !uri.getFragment().isEmpty()
                        && !ids.computeIfAbsent(target, SiteCrawlTest::idsOf).contains(uri.getFragment())) {
                    broken.add(where + " (no element with that id)");
                }
            }
        }
        assertThat(pages).hasSizeGreaterThan(40);
        assertThat(links).isGreaterThan(500);
        assertThat(broken).isEmpty();
        assertThat(result.rendered()).isEqualTo(pages.size() + 3);
    }

    private static Set<String> idsOf(Path page) {
        try {
            return new HashSet<>(Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8)).select("[id]").eachAttr("id"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
