package org.caretaker.site.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Reads {@code content/**}: Markdown pages through {@link Markdown}, in parallel, and the names of the other
 * files (images), which are copied as they are. Problems of all pages are gathered before failing.
 *
 * <p>Several folders may be layered, lowest first: a file in a later folder replaces the file with the same
 * relative path in an earlier one, and every other file is added. This is how a lab's own pages sit beside the
 * runbook shipped in the jar.
 */
public final class ContentLoader {
    private final Markdown markdown;
    private final ForkJoinPool pool;

    public ContentLoader(Markdown markdown, ForkJoinPool pool) {
        this.markdown = markdown;
        this.pool = pool;
    }

    /**
     * What the content folders hold.
     *
     * @param otherFiles the non-Markdown files by relative path, each with the file that provides it
     */
    public record Content(Map<String, Page> pages, SortedMap<String, Path> otherFiles) {
    }

    public Content load(Path dir) {
        return load(List.of(dir));
    }

    /** Reads layered content folders, lowest first. */
    public Content load(List<Path> dirs) {
        SortedMap<String, Path> mdFiles = new TreeMap<>();
        SortedMap<String, Path> other = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new SiteBuildException(List.of(dir + ": the content folder does not exist"));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    if (rel.startsWith(".") || rel.contains("/.")) {
                        return;
                    }
                    (rel.endsWith(".md") ? mdFiles : other).put(rel, f);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> md = new ArrayList<>(mdFiles.keySet());
        List<Object> results;
        try {
            results = pool.submit(() -> md.parallelStream().map(rel -> {
                try {
                    String text = new String(Files.readAllBytes(mdFiles.get(rel)), StandardCharsets.UTF_8);
                    return (Object) markdown.page(rel, SitePaths.urlOf(rel), text,
                            c -> LinkChecker.rewrite(c.source(), c.href()));
                } catch (SiteBuildException e) {
                    return e;
                } catch (IOException e) {
                    return new SiteBuildException(List.of(rel + ": cannot be read: " + e.getMessage()));
                }
            }).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading content", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading content failed: " + e.getCause(), e.getCause());
        }
        Map<String, Page> pages = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof Page p) {
                pages.put(p.source(), p);
            } else {
                problems.addAll(((SiteBuildException) r).problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SiteBuildException(problems);
        }
        return new Content(Collections.unmodifiableMap(pages), Collections.unmodifiableSortedMap(other));
    }
}
