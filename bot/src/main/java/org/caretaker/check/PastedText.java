package org.caretaker.check;

import java.util.regex.Pattern;

/**
 * Undoes what a terminal, a pager or a chat window does to command output on its way to a paste: ANSI colour
 * and cursor codes ({@code systemctl} and {@code zpool} colour their states on a terminal), carriage returns
 * from Windows clipboards, a byte-order mark, and a bullet that went through a JSON or Python escape as the
 * six characters backslash, u, 2, 5, c, f (systemctl's legend arrow likewise). What remains is what the tool meant to print.
 */
public final class PastedText {
    // CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks systemd adds), then any lone ESC.
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B");
    // Only escapes of printable non-ASCII characters: decoding an escaped quote or newline would break the JSON that
    // carries them, while an arrow or a bullet decoded inside a JSON string leaves it valid.
    private static final Pattern ESCAPED = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private PastedText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (s.indexOf('\u001B') >= 0) {
            s = ANSI.matcher(s).replaceAll("");
        }
        if (s.indexOf('\r') >= 0) {
            s = s.replace("\r\n", "\n").replace('\r', '\n');
        }
        if (s.contains("\\u")) {
            s = ESCAPED.matcher(s).replaceAll(m -> {
                int c = Integer.parseInt(m.group(1), 16);
                return c >= 0xA0 && !Character.isSurrogate((char) c) && Character.isDefined(c)
                        ? java.util.regex.Matcher.quoteReplacement(Character.toString(c)) : java.util.regex.Matcher.quoteReplacement(m.group());
            });
        }
        return s;
    }
}
