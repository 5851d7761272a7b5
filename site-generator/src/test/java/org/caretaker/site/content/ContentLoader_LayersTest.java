package org.caretaker.site.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab's own pages laid over the shipped runbook. */
class ContentLoader_LayersTest {
    @TempDir
    Path dir;

    private final ForkJoinPool pool = new ForkJoinPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private Path page(String path, String title) throws Exception {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, "---\ntitle: " + title + "\n---\n# " + title + "\n\nText.\n");
    }

    @Test
    void aPageWithTheSamePath_replacesTheLowerOne_andOtherPagesAreAdded() throws Exception {
        page("shipped/index.md", "Shipped home");
        page("shipped/runbook/zfs.md", "Shipped ZFS");
        page("own/index.md", "Our home");
        page("own/runbook/ups.md", "Our UPS");
        Files.writeString(dir.resolve("shipped/diagram.svg"), "<svg/>");
        Files.writeString(dir.resolve("own/diagram.svg"), "<svg id='ours'/>");

        ContentLoader.Content c = new ContentLoader(new Markdown(), pool).load(List.of(dir.resolve("shipped"), dir.resolve("own")));

        assertThat(c.pages().keySet()).containsExactly("index.md", "runbook/ups.md", "runbook/zfs.md");
        assertThat(c.pages().get("index.md").title()).isEqualTo("Our home");
        assertThat(c.pages().get("runbook/zfs.md").title()).isEqualTo("Shipped ZFS");
        assertThat(c.otherFiles()).containsExactly(java.util.Map.entry("diagram.svg", dir.resolve("own/diagram.svg")));
    }
}
