package org.caretaker.site.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File names for things named by the snapshot (hosts, checks). A name is untrusted: only {@code [a-z0-9_-]}
 * survive, and a name that had to change gets a short hash of itself, so {@code ../etc} and {@code etc}
 * never share a file and no name can leave its folder.
 */
public final class Slugs {
    private Slugs() {
    }

    public static String of(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && sb.length() < 60; i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                sb.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) (c + 32));
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
        }
        String slug = sb.toString();
        if (slug.equals(name) && !slug.isEmpty()) {
            return slug;
        }
        return (slug.isEmpty() ? "x" : slug) + "-" + hash(name);
    }

    private static String hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
