package org.caretaker.config;

import java.util.regex.Pattern;

/**
 * Validation of values that end up as command arguments. Values come from the configuration or from a chat
 * command that named a configured item; they are checked against narrow patterns and then passed as single
 * quoted arguments, never spliced into a script.
 */
public final class Args {
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[A-Za-z0-9._@+=:,/ -]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,127}");
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9._:/+-]+");

    private Args() {
    }

    /** An absolute path without {@code ..} segments, control characters or shell metacharacters. */
    public static boolean isAbsolutePath(String s) {
        return s != null && ABSOLUTE_PATH.matcher(s).matches() && !s.contains("/../") && !s.endsWith("/..")
                && !s.contains("//");
    }

    /** A name of a pool, container, disk or service: letters, digits and {@code . _ @ + : -}, not starting with '-'. */
    public static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /** A block device path such as {@code /dev/sda} or {@code /dev/disk/by-id/ata-WDC_...}. */
    public static boolean isDevice(String s) {
        return s != null && DEVICE.matcher(s).matches() && !s.contains("..");
    }

    public static String requireAbsolutePath(String s) {
        if (!isAbsolutePath(s)) {
            throw new IllegalArgumentException("not a plain absolute path: " + printable(s));
        }
        return s;
    }

    public static String requireName(String s) {
        if (!isName(s)) {
            throw new IllegalArgumentException("not a plain name: " + printable(s));
        }
        return s;
    }

    public static String requireDevice(String s) {
        if (!isDevice(s)) {
            throw new IllegalArgumentException("not a device path: " + printable(s));
        }
        return s;
    }

    public static void requireNoControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character in command argument: " + printable(s));
            }
        }
    }

    private static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.append(s.length() > 80 ? "…'" : "'").toString();
    }
}
