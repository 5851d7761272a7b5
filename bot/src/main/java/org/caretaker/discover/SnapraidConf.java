package org.caretaker.discover;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /etc/snapraid.conf} declares: the data disks (name and directory), the parity files and the
 * content files. Parsing is pure and lenient: lines it does not know are skipped, as SnapRAID's own options
 * ({@code exclude}, {@code autosave}…) say nothing about what to watch.
 */
public record SnapraidConf(List<Disk> disks, List<String> parity, List<String> content) {

    /** A data disk: its name in SnapRAID's output and the directory it lives in. */
    public record Disk(String name, String dir) {
    }

    public SnapraidConf {
        disks = List.copyOf(disks);
        parity = List.copyOf(parity);
        content = List.copyOf(content);
    }

    public static SnapraidConf parse(String text) {
        List<Disk> disks = new ArrayList<>();
        List<String> parity = new ArrayList<>();
        List<String> content = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+", 3);
            String kind = w[0];
            if ((kind.equals("data") || kind.equals("disk")) && w.length == 3) {
                disks.add(new Disk(w[1], w[2].strip()));
            } else if (kind.matches("([2-6]-|z-)?parity") && w.length >= 2) {
                // A parity line may list several files split by commas (split parity).
                for (String p : line.substring(kind.length()).strip().split(",")) {
                    parity.add(p.strip());
                }
            } else if (kind.equals("content") && w.length >= 2) {
                content.add(line.substring(kind.length()).strip());
            }
        }
        return new SnapraidConf(disks, parity, content);
    }
}
