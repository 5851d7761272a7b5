package org.caretaker.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.caretaker.report.Report;

/**
 * Makes an attachment fit a platform's upload limit: as it is when it fits, gzip-compressed when that is
 * enough, and otherwise cut at a line end and compressed, with a note saying what was cut. A diagnostic
 * bundle is kept whole on the bot under {@code data/diag/}, which the note says; the chat copy is for a
 * first look. Never an empty file: an empty attachment has nothing to show and Telegram refuses it.
 */
public final class FileFit {
    /** Discord's upload limit for a server without boosts. */
    public static final long DISCORD_LIMIT = 10L * 1024 * 1024;
    /** The Bot API's limit for files a bot sends. */
    public static final long TELEGRAM_LIMIT = 50L * 1000 * 1000;

    private FileFit() {
    }

    /**
     * A file ready to upload.
     *
     * @param note what was done to make it fit, for the message that carries it; empty when nothing was
     */
    public record Fitted(String name, byte[] bytes, Optional<String> note) {
    }

    /** The attachment fitted under {@code limit} bytes; empty for an empty attachment. */
    public static Optional<Fitted> fit(Report.Attachment a, long limit, String platform) {
        byte[] raw = a.content().getBytes(StandardCharsets.UTF_8);
        if (raw.length == 0) {
            return Optional.empty();
        }
        if (raw.length <= limit) {
            return Optional.of(new Fitted(a.fileName(), raw, Optional.empty()));
        }
        String name = a.fileName() + ".gz";
        byte[] packed = gzip(raw);
        if (packed.length <= limit) {
            return Optional.of(new Fitted(name, packed, Optional.of(a.fileName() + " (" + size(raw.length) + ") is attached gzip-compressed ("
                    + size(packed.length) + ") to fit " + platform + "'s upload limit of " + size(limit) + ".")));
        }
        String text = a.content();
        long lines = text.lines().count();
        // Cut a share of the text in proportion to how far over the limit it is, then less until it fits.
        int keep = (int) Math.min(text.length(), (long) text.length() * limit / packed.length);
        while (true) {
            keep = (int) (keep * 0.9);
            int end = text.lastIndexOf('\n', keep);
            end = end < 0 ? keep : end + 1;
            String head = text.substring(0, end);
            long kept = head.lines().count();
            String note = a.fileName() + " was cut to fit " + platform + "'s upload limit of " + size(limit) + ": the first " + kept + " of "
                    + lines + " lines (" + size(head.getBytes(StandardCharsets.UTF_8).length) + " of " + size(raw.length)
                    + ") are attached, gzip-compressed. The whole bundle is kept on the bot under data/diag/" + a.fileName() + ".";
            byte[] cut = gzip((head + "\n[" + note + "]\n").getBytes(StandardCharsets.UTF_8));
            if (cut.length <= limit || end == 0) {
                return Optional.of(new Fitted(name, cut, Optional.of(note)));
            }
        }
    }

    static String size(long bytes) {
        if (bytes >= 1024L * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
