package org.caretaker.discover;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /etc/fstab}.
 *
 * @param automount mounted on first access by systemd ({@code x-systemd.automount}), so it may be absent from
 *                  the mount table until something touches it
 */
public record FstabEntry(String source, String target, String fstype, List<String> options, boolean automount) {

    public FstabEntry {
        options = List.copyOf(options);
    }

    /** The entries of an fstab; comments, blank and malformed lines are skipped. Pure. */
    public static List<FstabEntry> parse(String text) {
        List<FstabEntry> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+");
            if (w.length < 3) {
                continue;
            }
            List<String> opts = w.length > 3 ? List.of(w[3].split(",")) : List.of();
            out.add(new FstabEntry(unescape(w[0]), unescape(w[1]), w[2], opts, opts.contains("x-systemd.automount")));
        }
        return out;
    }

    /** fstab writes a space in a path as {@code \040}. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t");
    }
}
