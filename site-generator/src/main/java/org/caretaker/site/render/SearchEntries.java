package org.caretaker.site.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.caretaker.site.content.Page;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The search index's entries: one per section of every runbook page (its heading, the page's title and the
 * section's text, so that {@code degraded} finds the "Degraded pool" section rather than the whole ZFS page),
 * and one per host and check. The browser indexes them with the vendored MiniSearch.
 *
 * <p>Written as JavaScript ({@code search-index.js}, {@code search-status.js}) rather than JSON because a
 * browser reading the site from {@code file://} may load scripts but not fetch files. The JSON inside is
 * escaped so that no text can end the script.
 */
public final class SearchEntries {
    /**
     * One search hit.
     *
     * @param id    the link, unique: {@code runbook/zfs.html#degraded-pool}
     * @param kind  {@code section}, {@code page}, {@code host} or {@code check}
     * @param title the heading, host or check
     * @param page  the page a section belongs to; empty for the others
     */
    public record Entry(String id, String kind, String title, String page, String tags, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchEntries() {
    }

    /** The page's own entry (its title and the text before the first sub-heading), then one per h2–h4 section. */
    public static List<Entry> of(Page page) {
        List<Entry> out = new ArrayList<>();
        String tags = String.join(" ", page.meta().tags());
        String id = page.url();
        String title = page.title();
        String kind = "page";
        StringBuilder text = new StringBuilder(page.meta().summary());
        for (Element e : Jsoup.parseBodyFragment(page.bodyHtml()).body().children()) {
            boolean section = e.nameIs("h2") || e.nameIs("h3") || e.nameIs("h4");
            if (section && !e.id().isEmpty()) {
                out.add(new Entry(id, kind, title, kind.equals("page") ? "" : page.title(), tags, text.toString().strip()));
                id = page.url() + "#" + e.id();
                title = e.text();
                kind = "section";
                text.setLength(0);
            } else if (!e.nameIs("h1")) {
                text.append(' ').append(e.text());
            }
        }
        out.add(new Entry(id, kind, title, kind.equals("page") ? "" : page.title(), tags, text.toString().strip()));
        return out;
    }

    /** {@code window.caretakerSearch.<part> = [...]}, sorted by id so that the same input gives the same bytes. */
    public static byte[] script(String part, Collection<Entry> entries) {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::id)).toList();
        String json;
        try {
            json = JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search index: " + e.getMessage(), e);
        }
        // "<" and "-->" inside the data must not close or confuse the script element that loads it.
        json = json.replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        String js = "window.caretakerSearch = window.caretakerSearch || {};\nwindow.caretakerSearch." + part + " = " + json + ";\n";
        return js.getBytes(StandardCharsets.UTF_8);
    }
}
