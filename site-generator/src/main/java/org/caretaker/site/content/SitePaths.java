package org.caretaker.site.content;

/**
 * Where a content page ends up, and how one page links to another. A page {@code runbook/zfs.md} becomes
 * {@code runbook/zfs.html}; the content's own {@code index.md} becomes {@code runbook.html}, because the
 * site's home page is the status page.
 */
public final class SitePaths {
    private SitePaths() {
    }

    public static String urlOf(String source) {
        if (source.equals("index.md")) {
            return "runbook.html";
        }
        return source.substring(0, source.length() - ".md".length()) + ".html";
    }

    /** True for links that leave the site: {@code https:}, {@code mailto:}, {@code //host}. */
    public static boolean hasScheme(String href) {
        if (href.startsWith("//")) {
            return true;
        }
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c == ':') {
                return i > 0;
            }
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    /** {@code a/b/../c.md} to {@code a/c.md}; null when the path climbs out of the root. */
    public static String normalize(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/", -1)) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** Resolves {@code href} (no fragment) written in the file at {@code from}; null when it leaves the root. */
    public static String resolve(String from, String href) {
        if (href.startsWith("/")) {
            return normalize(href.substring(1));
        }
        int slash = from.lastIndexOf('/');
        return normalize((slash < 0 ? "" : from.substring(0, slash + 1)) + href);
    }

    /** The relative href from the page at {@code fromUrl} to {@code toUrl}, both site-root paths. */
    public static String relative(String fromUrl, String toUrl) {
        String[] from = fromUrl.split("/");
        String[] to = toUrl.split("/");
        int common = 0;
        while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length - 1; i++) {
            sb.append("../");
        }
        for (int i = common; i < to.length; i++) {
            sb.append(to[i]);
            if (i < to.length - 1) {
                sb.append('/');
            }
        }
        return sb.toString();
    }

    /** The prefix that leads from a page back to the site root: {@code ""} or {@code "../"}. */
    public static String root(String url) {
        return "../".repeat((int) url.chars().filter(c -> c == '/').count());
    }
}
