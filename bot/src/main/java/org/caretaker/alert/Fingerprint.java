package org.caretaker.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.caretaker.check.Finding;

/**
 * The identity of one (host, check, subject): stable across runs, short enough to type on a phone
 * ({@code /ack 3f9c2a1b}). Used by alerts, acks, {@code /status} and the site.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** Eight hex digits of SHA-256 over {@code host/check/subject}. */
    public static String shortId(String host, String check, String subject) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((host + "/" + check + "/" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public static String shortId(Finding f) {
        return shortId(f.host(), f.check(), f.subject());
    }
}
