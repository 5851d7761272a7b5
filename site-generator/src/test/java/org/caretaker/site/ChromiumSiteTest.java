package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.caretaker.site.browser.Chromium;
import org.caretaker.site.serve.SiteServer;
import org.caretaker.site.snapshot.SnapshotJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample site (from {@code file://}) and a site kept up to date the bot's way (a build, then status
 * re-renders, served over HTTP by the handler the bot mounts) in headless Chromium, driven over the DevTools
 * protocol: at phone widths (360–414 px) and at 1280 px no page scrolls sideways, the search finds a section by its title first, no page logs an error,
 * and axe-core finds no serious accessibility violation in either colour scheme. Screenshots at 390 and
 * 1280 px land in {@code target/screenshots/} for people to look at.
 *
 * <p>Needs the Debian {@code chromium} package and axe-core from npm: excluded by default, run by
 * {@code .ci/site.sh} with {@code -Pchromium}, which installs both and fails if anything here skipped.
 */
@Tag("chromium")
class ChromiumSiteTest {
    private static final List<String> PAGES = List.of("index.html", "hosts/pve.html", "checks/zfs-pools.html",
            "runbook/zfs.html", "search.html?q=degraded", "calendar.html", "commands.html", "live/zfs-pools.html");

    @TempDir
    static Path dir;
    static Path site;
    static Chromium browser;
    static SiteServer server;
    /** The bot's way: a full build, then status re-renders after runs, served by the same handler it mounts. */
    static SiteServer live;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Chromium.binary().isPresent(), "chromium is not installed (Debian package chromium); .ci/site.sh installs it");
        site = dir.resolve("site");
        try (SiteGenerator generator = TestSites.load(TestSites.REPO.resolve("content"), site)) {
            generator.build(new SnapshotJson().read(TestSites.REPO.resolve("examples/status-sample.json")));
        }
        browser = Chromium.start(Chromium.binary().orElseThrow(), dir);
        server = new SiteServer(site, 0);
        server.start();
        Path liveSite = dir.resolve("live");
        try (SiteGenerator generator = TestSites.load(TestSites.REPO.resolve("content"), liveSite)) {
            generator.build(TestSites.fixtureSnapshot());
            generator.renderStatus(new SnapshotJson().read(TestSites.REPO.resolve("examples/status-sample.json")));
            generator.renderStatus(TestSites.fixtureSnapshot());
        }
        live = new SiteServer(liveSite, 0);
        live.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (live != null) {
            live.close();
        }
    }

    private static String fileUrl(String page) {
        int q = page.indexOf('?');
        String path = q < 0 ? page : page.substring(0, q);
        return site.resolve(path).toUri() + (q < 0 ? "" : page.substring(q));
    }

    private static String httpUrl(String page) {
        return "http://127.0.0.1:" + server.port() + "/" + page;
    }

    @ParameterizedTest
    @ValueSource(ints = {360, 390, 414, 1280})
    void noPageScrollsSideways_andNoneLogsAnError(int width) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String page : PAGES) {
            for (boolean dark : new boolean[] {false, true}) {
                browser.viewport(width, width < 640 ? 844 : 900, dark);
                browser.open(fileUrl(page));
                problems.addAll(fits(page, width, dark));
                if ((width == 390 || width == 1280) && !dark) {
                    Path png = Path.of(System.getProperty("screenshots.dir", dir.resolve("screenshots").toString()))
                            .resolve(width + "-" + page.replaceAll("[^a-z0-9.-]", "-") + ".png");
                    browser.screenshot(png);
                    assertNotBlank(png, width);
                }
                browser.open("http://127.0.0.1:" + live.port() + "/" + page);
                problems.addAll(fits("live site " + page, width, dark));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Whether the open page fits the viewport, and the errors it logged. */
    private static List<String> fits(String page, int width, boolean dark) {
        List<String> problems = new ArrayList<>();
        JsonNode m = browser.eval("({sw: document.documentElement.scrollWidth, iw: window.innerWidth,"
                + " wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                + " && !e.closest('pre, .runbook article table, .sr, thead')).slice(0, 3).map(e => e.tagName + '.' + e.className)})");
        if (m.path("sw").asInt() > m.path("iw").asInt()) {
            problems.add(page + " at " + width + "px" + (dark ? " dark" : "") + ": scrollWidth " + m.path("sw").asInt()
                    + " > innerWidth " + m.path("iw").asInt() + ", widest: " + m.path("wide"));
        }
        browser.takeErrors().forEach(e -> problems.add(page + " at " + width + "px: " + e));
        return problems;
    }

    private static void assertNotBlank(Path png, int width) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).as(png.toString()).isEqualTo(width);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in " + png.getFileName()).isGreaterThan(20);
    }

    private static JsonNode search(String url) {
        browser.open(url);
        return browser.eval("({status: document.getElementById('search-status').textContent,"
                + " hits: [...document.querySelectorAll('#results > li > a')].map(a => a.getAttribute('href')),"
                + " marks: document.querySelectorAll('#results mark').length,"
                + " snippet: (document.querySelector('#results .snippet') || {}).textContent || '',"
                + " none: !document.getElementById('no-results').hidden,"
                + " suggested: [...document.querySelectorAll('#suggest a')].map(a => a.textContent)})");
    }

    @Test
    void searchingForASectionTitle_listsThatSectionFirst_withAHighlightedSnippet_fromFileAndFromTheServer() {
        browser.viewport(390, 844, false);
        for (String base : List.of(fileUrl("search.html"), httpUrl("search.html"))) {
            JsonNode r = search(base + "?q=Degraded%20pool");
            assertThat(r.path("hits").get(0).asText()).as(base).isEqualTo("runbook/zfs.html#degraded-pool");
            assertThat(r.path("marks").asInt()).isGreaterThan(1);
            assertThat(r.path("snippet").asText()).isNotBlank();

            assertThat(search(base + "?q=degraded").path("hits").get(0).asText()).isEqualTo("runbook/zfs.html#degraded-pool");
        }
        assertThat(browser.takeErrors()).isEmpty();
    }

    @Test
    void search_toleratesATypo_matchesAPrefix_findsHostsAndChecks_andSaysWhenNothingMatches() {
        browser.viewport(390, 844, false);
        assertThat(search(fileUrl("search.html") + "?q=degarded%20pool").path("hits").get(0).asText())
                .isEqualTo("runbook/zfs.html#degraded-pool");
        assertThat(search(fileUrl("search.html") + "?q=resilv").path("hits").get(0).asText()).startsWith("runbook/zfs.html#resilver");
        assertThat(search(fileUrl("search.html") + "?q=vaultwarden").path("hits").get(0).asText()).isEqualTo("hosts/vaultwarden.html");
        assertThat(search(fileUrl("search.html") + "?q=zfs-pools").path("hits").get(0).asText()).isEqualTo("checks/zfs-pools.html");

        JsonNode none = search(fileUrl("search.html") + "?q=qqxxzz");
        assertThat(none.path("none").asBoolean()).isTrue();
        assertThat(none.path("hits")).isEmpty();
        assertThat(none.path("status").asText()).isEqualTo("No results for “qqxxzz”.");
        assertThat(browser.takeErrors()).isEmpty();
    }

    @Test
    void theNavigationFoldsIntoAMenuOnAPhone_andOpensOnATap() {
        browser.viewport(390, 844, false);
        browser.open(fileUrl("index.html"));
        assertThat(browser.eval("getComputedStyle(document.getElementById('site-nav')).display").asText()).isEqualTo("none");
        browser.eval("document.querySelector('button.menu').click()");
        assertThat(browser.eval("getComputedStyle(document.getElementById('site-nav')).display").asText()).isEqualTo("flex");
        assertThat(browser.eval("document.querySelector('button.menu').getAttribute('aria-expanded')").asText()).isEqualTo("true");

        browser.viewport(1280, 900, false);
        browser.open(fileUrl("index.html"));
        assertThat(browser.eval("getComputedStyle(document.querySelector('button.menu')).display").asText()).isEqualTo("none");
    }

    @Test
    void statusTablesBecomeCardsOnAPhone_andAHistoryBarSaysItsTimeAndVerdictWhenTapped() {
        browser.viewport(390, 844, false);
        browser.open(fileUrl("index.html"));
        assertThat(browser.eval("getComputedStyle(document.querySelector('table.findings tr')).display").asText()).isEqualTo("block");
        JsonNode bar = browser.eval("(() => { const b = document.querySelector('.card .bar'); b.click();"
                + " return {said: b.closest('.bars-row').querySelector('.bar-detail').textContent, title: b.title,"
                + " bars: b.closest('.bars').children.length}; })()");
        assertThat(bar.path("said").asText()).isEqualTo(bar.path("title").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC · [A-Z]+");
        assertThat(bar.path("bars").asInt()).isEqualTo(30);
        browser.viewport(1280, 900, false);
        browser.open(fileUrl("index.html"));
        assertThat(browser.eval("getComputedStyle(document.querySelector('table.findings tr')).display").asText()).isEqualTo("table-row");
    }

    @Test
    void axeFindsNoSeriousAccessibilityViolation_inEitherColourScheme() throws IOException {
        Path axe = Path.of(System.getProperty("axe.script", "target/axe/node_modules/axe-core/axe.min.js"));
        Assumptions.assumeTrue(Files.isRegularFile(axe), "axe-core is not installed at " + axe + "; .ci/site.sh installs it with npm");
        String source = Files.readString(axe, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {390, 1280}) {
            for (boolean dark : new boolean[] {false, true}) {
                for (String page : PAGES) {
                    browser.viewport(width, width < 640 ? 844 : 900, dark);
                    browser.open(fileUrl(page));
                    browser.eval(source + "\n;true");
                    JsonNode v = browser.eval("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                            + ".then(r => ({passes: r.passes.length, serious: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                            + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))}))");
                    assertThat(v.path("passes").asInt()).as("axe rules that ran and passed on " + page).isGreaterThan(10);
                    v.path("serious").forEach(x -> problems.add(page + " at " + width + "px" + (dark ? " dark" : "") + ": " + x.asText()));
                }
            }
        }
        browser.takeErrors();
        assertThat(problems).isEmpty();
    }
}
