package org.caretaker.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Tells a usable SSH private key from the two files people most often give instead: the public half
 * ({@code .pub}) and a key protected by a passphrase (Caretaker runs unattended and has no one to ask). Used
 * when the configuration is loaded and by {@code caretaker hosts add}, so the message is the same in both.
 */
public final class KeyFiles {
    private static final int MAX_KEY_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    /** What is wrong with the file as a private key for unattended logins, or empty when nothing visibly is. */
    public static Optional<String> problem(Path key) {
        String text;
        try {
            if (Files.size(key) > MAX_KEY_BYTES) {
                return Optional.of("file " + key + " is too large to be an SSH private key");
            }
            text = Files.readString(key, StandardCharsets.ISO_8859_1).strip();
        } catch (IOException e) {
            return Optional.of("file " + key + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return problemOf(key.getFileName() == null ? "" : key.getFileName().toString(), text);
    }

    /** The same judgement on a file's name and content; pure, for tests. */
    static Optional<String> problemOf(String fileName, String text) {
        if (text.matches("(?s)(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\\d+|sk-\\S+) AAAA.*")
                || (fileName.endsWith(".pub") && !text.startsWith("-----BEGIN"))) {
            return Optional.of("file " + fileName + " is a public key; give the private key (the same name without .pub)");
        }
        if (text.contains("Proc-Type: 4,ENCRYPTED") || text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY")
                || openSshCipher(text).map(c -> !c.equals("none")).orElse(false)) {
            return Optional.of("key " + fileName + " is protected by a passphrase; Caretaker logs in unattended and needs a key "
                    + "without one (ssh-keygen -p -N '' -f " + fileName + " removes it, or make a dedicated key)");
        }
        return Optional.empty();
    }

    /** The cipher named in an {@code openssh-key-v1} container: {@code none} for a key without a passphrase. */
    private static Optional<String> openSshCipher(String text) {
        if (!text.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            return Optional.empty();
        }
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(body));
            byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
            for (byte m : magic) {
                if (b.get() != m) {
                    return Optional.empty();
                }
            }
            int len = b.getInt();
            if (len < 0 || len > 64) {
                return Optional.empty();
            }
            byte[] name = new byte[len];
            b.get(name);
            return Optional.of(new String(name, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}
