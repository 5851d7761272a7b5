package org.caretaker.site.content;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.html.MutableAttributes;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Markdown to HTML, with every flexmark extension configured here and nowhere else. One instance is shared
 * by all threads: flexmark's parser and renderer are immutable once built.
 *
 * <p>Heading ids, the table of contents and the links are all taken from flexmark's syntax tree, in one
 * walk, so no page is parsed a second time as HTML. Relative links to {@code .md} files are rewritten to
 * the page they become; the link check itself is {@link LinkChecker}'s, once every page is known.
 */
public final class Markdown {
    private final Parser parser;
    private final HtmlRenderer renderer;

    public Markdown() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), TaskListExtension.create(),
                StrikethroughExtension.create(), CheapExtensions.autolinks(), CheapExtensions.admonitions()));
        // Raw HTML in Markdown is dropped: pages are written in Markdown, and a stray tag cannot become markup.
        options.set(HtmlRenderer.SUPPRESS_HTML, true);
        options.set(HtmlRenderer.GENERATE_HEADER_ID, false);
        options.set(HtmlRenderer.RENDER_HEADER_ID, false);
        options.set(TablesExtension.CLASS_NAME, "table");
        // Line numbers (for link errors) by binary search over recorded lines, not by counting from the top.
        options.set(Parser.TRACK_DOCUMENT_LINES, true);
        // No icon SVGs in every page: the stylesheet colours admonitions instead. flexmark would otherwise
        // read the icon files from its jar again for every page it renders.
        options.set(AdmonitionExtension.TYPE_SVG_MAP, Map.of());
        parser = Parser.builder(options).build();
        MutableDataSet rendering = new MutableDataSet(options);
        rendering.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), TaskListExtension.create(),
                StrikethroughExtension.create(), AdmonitionExtension.create()));
        renderer = HtmlRenderer.builder(rendering).attributeProviderFactory(new IndependentAttributeProviderFactory() {
            @Override
            public AttributeProvider apply(LinkResolverContext context) {
                return Markdown::attributes;
            }
        }).build();
    }

    /**
     * Converts one page.
     *
     * @param source    its path under the content folder, '/' separated
     * @param text      the file's text, front matter included
     * @param urlOfLink maps a link as written to the href it becomes (see {@link LinkChecker#rewrite})
     */
    public Page page(String source, String url, String text, Function<LinkContext, String> urlOfLink) {
        String[] split = splitFrontMatter(source, text);
        FrontMatter meta = frontMatter(source, split[0]);
        Document doc = parser.parse(split[1]);

        List<Heading> headings = new ArrayList<>();
        List<LinkRef> links = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        StringBuilder words = new StringBuilder();
        walk(doc, node -> {
            if (node instanceof com.vladsch.flexmark.ast.Heading h) {
                String text1 = h.getText().toString();
                String id = HeadingIds.unique(text1, taken);
                h.setAnchorRefId(id);
                String plain = plain(text1);
                headings.add(new Heading(h.getLevel(), plain, id, h.getLineNumber() + 1));
                if (h.getLevel() > 1) {
                    words.append(plain).append(' ');
                }
            } else if (node instanceof Link link) {
                String href = link.getUrl().toString();
                links.add(new LinkRef(href, link.getLineNumber() + 1));
                link.setUrl(BasedSequence.of(urlOfLink.apply(new LinkContext(source, href))));
            } else if (node instanceof Image image) {
                String href = image.getUrl().toString();
                links.add(new LinkRef(href, image.getLineNumber() + 1));
                image.setUrl(BasedSequence.of(urlOfLink.apply(new LinkContext(source, href))));
            }
        });
        String title = meta.title().isEmpty()
                ? headings.stream().filter(h -> h.level() == 1).map(Heading::text).findFirst().orElse(source)
                : meta.title();
        String html = renderer.render(doc);
        return new Page(source, url, meta, title, html, List.copyOf(headings), List.copyOf(links), words.toString().strip());
    }

    /** A link as written, and the page it was written in. */
    public record LinkContext(String source, String href) {
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visit) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            visit.accept(child);
            if (child.hasChildren()) {
                walk(child, visit);
            }
        }
    }

    private static void attributes(Node node, AttributablePart part, MutableAttributes attributes) {
        if (node instanceof com.vladsch.flexmark.ast.Heading h && part == AttributablePart.NODE) {
            attributes.replaceValue("id", h.getAnchorRefId());
        } else if (part == AttributablePart.LINK && attributes.contains("href")) {
            String href = attributes.getValue("href");
            if (href.startsWith("http://") || href.startsWith("https://")) {
                attributes.replaceValue("rel", "noopener noreferrer");
                attributes.replaceValue("class", "external");
            }
        }
    }

    /** Heading text without Markdown punctuation: {@code `zpool` status} becomes {@code zpool status}. */
    private static String plain(String markdown) {
        return markdown.replace("`", "").replace("**", "").replace("*", "").strip();
    }

    /**
     * Splits off the front matter, and puts blank lines in its place so that flexmark's line numbers are the
     * file's.
     */
    private static String[] splitFrontMatter(String source, String text) {
        if (!text.startsWith("---\n") && !text.startsWith("---\r\n")) {
            return new String[] {"", text};
        }
        int end = text.indexOf("\n---", 3);
        if (end < 0) {
            throw new SiteBuildException(List.of(source + ":1: front matter starts with --- but never ends"));
        }
        int bodyStart = text.indexOf('\n', end + 4);
        bodyStart = bodyStart < 0 ? text.length() : bodyStart + 1;
        // The YAML starts after the opening line's own end, which is two characters long in a CRLF file.
        String yaml = text.substring(text.indexOf('\n') + 1, end + 1);
        int lines = (int) text.substring(0, bodyStart).chars().filter(c -> c == '\n').count();
        return new String[] {yaml, "\n".repeat(lines) + text.substring(bodyStart)};
    }

    private static FrontMatter frontMatter(String source, String yaml) {
        if (yaml.isBlank()) {
            return FrontMatter.empty();
        }
        Map<String, Object> v = FrontMatterParser.parse(source, yaml, 2);
        String order = text(v.get("order"));
        int position = 1000;
        if (!order.isEmpty()) {
            try {
                position = Integer.parseInt(order);
            } catch (NumberFormatException e) {
                throw new SiteBuildException(List.of(source + ":1: front matter: order must be a whole number, not " + order));
            }
        }
        return new FrontMatter(text(v.get("title")), text(v.get("summary")), list(v.get("tags")), list(v.get("checks")), position);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value instanceof List<?> l ? (List<String>) l : value instanceof String s && !s.isEmpty() ? List.of(s) : List.of();
    }
}
