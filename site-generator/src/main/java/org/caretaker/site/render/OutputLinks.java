package org.caretaker.site.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.caretaker.site.content.SitePaths;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The link check over what the generator actually wrote: every page of the output (runbook, status pages,
 * live fragments, the 404 page) is parsed, and every internal {@code href} and {@code src} must name a file of
 * the site and every fragment an id of that file. The Markdown check in {@code content} names the source line
 * of a broken runbook link; this one catches what templates and the snapshot make.
 *
 * <p>Knows the whole site between calls, so a status re-render is checked against the runbook pages of the
 * last full build without parsing them again.
 */
public final class OutputLinks {
    private static final String TAGS = "a[href], link[href], script[src], iframe[src], img[src]";

    /** A page's ids and the internal links it holds. */
    private record Parsed(Set<String> ids, List<String> links) {
    }

    private final Map<String, Parsed> pages = new ConcurrentHashMap<>();
    private final Set<String> otherFiles = ConcurrentHashMap.newKeySet();

    /** Remembers a file of the site; HTML pages are parsed for their ids and links. */
    public void add(String url, byte[] bytes) {
        if (url.endsWith(".html")) {
            Document doc = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8));
            List<String> links = new ArrayList<>();
            for (Element e : doc.select(TAGS)) {
                links.add(e.hasAttr("href") ? e.attr("href") : e.attr("src"));
            }
            pages.put(url, new Parsed(Set.copyOf(doc.select("[id]").eachAttr("id")), List.copyOf(links)));
        } else {
            otherFiles.add(url);
        }
    }

    /** Forgets the whole site, before a full build adds it again. */
    public void forgetAll() {
        pages.clear();
        otherFiles.clear();
    }

    /** Forgets every file under these folders ({@code hosts/}), before the status files that replace them are added. */
    public void forgetFolders(Collection<String> folders) {
        for (String folder : folders) {
            pages.keySet().removeIf(u -> u.startsWith(folder + "/"));
            otherFiles.removeIf(u -> u.startsWith(folder + "/"));
        }
    }

    /** How many internal and external links the known pages hold. */
    public int count() {
        return pages.values().stream().mapToInt(p -> p.links().size()).sum();
    }

    /** Every broken link of every known page, sorted: {@code runbook/memory.html: link ../checks/load.html: no such page}. */
    public List<String> problems() {
        Map<String, List<String>> byPage = new TreeMap<>();
        pages.forEach((url, parsed) -> {
            for (String href : parsed.links()) {
                String problem = check(url, href);
                if (problem != null) {
                    byPage.computeIfAbsent(url, k -> new ArrayList<>()).add(url + ": link " + href + ": " + problem);
                }
            }
        });
        List<String> out = new ArrayList<>();
        byPage.values().forEach(list -> list.stream().sorted().distinct().forEach(out::add));
        return out;
    }

    private String check(String page, String href) {
        if (href.isEmpty() || SitePaths.hasScheme(href)) {
            return href.isEmpty() ? "empty link" : null;
        }
        URI uri;
        try {
            uri = new URI(href);
        } catch (URISyntaxException e) {
            return "not a valid address";
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String target = path.isEmpty() ? page : SitePaths.resolve(page, path);
        if (target == null) {
            return "leads outside the site";
        }
        if (target.isEmpty() || target.endsWith("/")) {
            target = target + "index.html";
        }
        Parsed parsed = pages.get(target);
        if (parsed == null) {
            return otherFiles.contains(target) && uri.getFragment() == null ? null : "the site has no file " + target;
        }
        String fragment = uri.getFragment();
        if (fragment != null && !fragment.isEmpty() && !parsed.ids().contains(fragment)) {
            return target + " has no element with id " + fragment;
        }
        return null;
    }
}
