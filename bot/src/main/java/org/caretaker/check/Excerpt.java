package org.caretaker.check;

/** A short, single-line, printable quotation of what a host printed, for messages about it. */
public final class Excerpt {
    public static final int DEFAULT_LENGTH = 160;

    private Excerpt() {
    }

    public static String of(String text) {
        return of(text, DEFAULT_LENGTH);
    }

    public static String of(String text, int max) {
        if (text == null || text.isBlank()) {
            return "(no output)";
        }
        StringBuilder sb = new StringBuilder();
        String trimmed = text.strip();
        int i = 0;
        while (i < trimmed.length() && sb.length() < max) {
            int cp = trimmed.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r') {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(" ⏎ ");
                }
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                sb.append('?');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (i < trimmed.length()) {
            sb.append('…');
        }
        return "\"" + sb + "\"";
    }
}
