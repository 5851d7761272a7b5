package org.caretaker.site.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes pages into the site folder, each with one {@code Files.write}, and only when its bytes changed:
 * an unchanged page keeps its file (and its modification time), so a re-render after a run touches only
 * what the run changed. Remembers what it wrote, so it compares in memory rather than reading files back.
 */
public final class SiteWriter {
    private final Path out;
    private final Map<String, byte[]> written = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger skips = new AtomicInteger();

    public SiteWriter(Path out) {
        this.out = out;
    }

    /** @param url a site-root path made by the generator, e.g. {@code hosts/pve.html} */
    public void write(String url, byte[] bytes) {
        byte[] before = written.get(url);
        Path file = out.resolve(url);
        try {
            if (before == null) {
                try {
                    before = Files.readAllBytes(file);
                } catch (NoSuchFileException e) {
                    before = null;
                }
            }
            if (before != null && Arrays.equals(before, bytes)) {
                skips.incrementAndGet();
            } else {
                Path parent = file.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                }
                Files.write(file, bytes);
                writes.incrementAndGet();
            }
            written.put(url, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the {@code .html} files in a folder that only the status fills ({@code hosts/}) and that the
     * last render did not produce: a host that left the configuration leaves no page behind.
     *
     * @param keep the site-root paths just rendered
     * @return how many files were deleted
     */
    public int prune(String folder, java.util.Set<String> keep) {
        Path dir = out.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList()) {
                String url = folder + "/" + f.getFileName();
                if (!keep.contains(url) && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(f);
                    written.remove(url);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy " + dir + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /** Files written and left alone since the last call; resets both. */
    public int[] takeCounts() {
        return new int[] {writes.getAndSet(0), skips.getAndSet(0)};
    }
}
