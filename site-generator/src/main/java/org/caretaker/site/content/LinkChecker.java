package org.caretaker.site.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every internal link and anchor must lead somewhere; a broken one fails the build, naming its file and
 * line. Works on what flexmark's tree gave ({@link Page#links()}, {@link Page#headings()}), so checking costs
 * no extra parse.
 */
public final class LinkChecker {
    private static final java.util.regex.Pattern ANCHOR = java.util.regex.Pattern.compile("[a-z0-9/_-]+#[a-z0-9_-]+");
    private final Map<String, Page> pages;
    private final Map<String, Set<String>> ids = new java.util.HashMap<>();
    private final Set<String> urls = new java.util.HashSet<>();
    private final Set<String> otherFiles;
    private final Set<String> generatedUrls;

    /**
     * @param pages         content pages by source path
     * @param otherFiles    non-Markdown files under the content folder (images), copied as they are
     * @param generatedUrls pages the generator makes itself that content may link to ({@code index.html}…)
     */
    public LinkChecker(Map<String, Page> pages, Set<String> otherFiles, Set<String> generatedUrls) {
        this.pages = pages;
        this.otherFiles = otherFiles;
        this.generatedUrls = generatedUrls;
        pages.forEach((source, page) -> {
            ids.put(source, page.ids());
            urls.add(page.url());
        });
    }

    /** The href a link written in {@code source} becomes in the output. Unresolvable links stay as they are. */
    public static String rewrite(String source, String href) {
        if (href.isEmpty() || href.startsWith("#") || SitePaths.hasScheme(href)) {
            return href;
        }
        int hash = href.indexOf('#');
        String path = hash < 0 ? href : href.substring(0, hash);
        String fragment = hash < 0 ? "" : href.substring(hash);
        if (!path.endsWith(".md")) {
            return href;
        }
        String target = SitePaths.resolve(source, path);
        if (target == null) {
            return href;
        }
        return SitePaths.relative(SitePaths.urlOf(source), SitePaths.urlOf(target)) + fragment;
    }

    /** Every problem in every page, sorted by file and line. */
    public List<String> problems() {
        record Problem(String source, int line, String text) {
        }
        List<Problem> problems = new ArrayList<>();
        for (Page page : pages.values()) {
            for (LinkRef link : page.links()) {
                String problem = check(page, link.href());
                if (problem != null) {
                    problems.add(new Problem(page.source(), link.line(), problem));
                }
            }
        }
        return problems.stream()
                .sorted(java.util.Comparator.comparing(Problem::source).thenComparingInt(Problem::line).thenComparing(Problem::text))
                .map(p -> p.source() + ":" + p.line() + ": " + p.text()).toList();
    }

    private String check(Page page, String href) {
        String lower = href.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("vbscript:") || lower.startsWith("data:")) {
            return "link " + href + " would run code; link to a page or a web address instead";
        }
        if (href.isEmpty()) {
            return "empty link";
        }
        if (SitePaths.hasScheme(href)) {
            return null;
        }
        int hash = href.indexOf('#');
        String path = hash < 0 ? href : href.substring(0, hash);
        String fragment = hash < 0 ? null : href.substring(hash + 1);
        if (path.isEmpty()) {
            return ids.get(page.source()).contains(fragment) ? null : "anchor #" + fragment + " is not a heading of this page";
        }
        String target = SitePaths.resolve(page.source(), path);
        if (target == null) {
            return "link " + href + " leads outside the site";
        }
        if (path.endsWith(".md")) {
            Page other = pages.get(target);
            if (other == null) {
                return "link " + href + ": there is no page " + target;
            }
            if (fragment != null && !ids.get(target).contains(fragment)) {
                return "link " + href + ": " + target + " has no heading with id " + fragment;
            }
            return null;
        }
        if (path.endsWith(".html")) {
            String url = SitePaths.resolve(page.url(), path);
            boolean known = generatedUrls.contains(url) || urls.contains(url);
            return known ? null : "link " + href + ": the site has no page " + url + " (link to the .md file)";
        }
        return otherFiles.contains(target) ? null : "link " + href + ": there is no file " + target;
    }

    /**
     * Checks a finding's runbook anchor, {@code runbook/<page>#<heading-id>}.
     *
     * @return null when it resolves, else a sentence saying why not
     */
    public String checkAnchor(String anchor) {
        int hash = anchor.indexOf('#');
        if (hash <= 0 || !ANCHOR.matcher(anchor).matches()) {
            return "runbook anchor '" + anchor + "' is not of the form runbook/<page>#<heading-id>";
        }
        String source = anchor.substring(0, hash) + ".md";
        Page page = pages.get(source);
        if (page == null) {
            return "runbook anchor '" + anchor + "': there is no page " + source;
        }
        return ids.get(source).contains(anchor.substring(hash + 1)) ? null
                : "runbook anchor '" + anchor + "': " + source + " has no heading with id " + anchor.substring(hash + 1);
    }
}
