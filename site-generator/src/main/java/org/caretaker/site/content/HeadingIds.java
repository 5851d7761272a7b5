package org.caretaker.site.content;

import java.util.Locale;
import java.util.Set;

/**
 * Heading ids, the one rule shared by the pages, the anchor check and the bot's findings: lower case,
 * punctuation dropped, runs of spaces and underscores become one '-'. "Degraded pool" becomes
 * {@code degraded-pool}; "CrashLoopBackOff" becomes {@code crashloopbackoff}.
 */
public final class HeadingIds {
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[ _]+");

    private HeadingIds() {
    }

    public static String slug(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' || c == '-') {
                kept.append(c);
            }
        }
        return SEPARATORS.matcher(kept.toString().trim()).replaceAll("-");
    }

    /** The slug, or the slug with {@code -1}, {@code -2}… when the page already has it. */
    public static String unique(String text, Set<String> taken) {
        String base = slug(text);
        if (base.isEmpty()) {
            base = "section";
        }
        String id = base;
        for (int n = 1; taken.contains(id); n++) {
            id = base + "-" + n;
        }
        taken.add(id);
        return id;
    }
}
