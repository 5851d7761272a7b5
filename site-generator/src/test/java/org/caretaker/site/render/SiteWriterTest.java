package org.caretaker.site.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page's file is written only when its bytes change, and a status folder keeps only what was just rendered. */
class SiteWriterTest {
    @TempDir
    Path out;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUnchangedPage_keepsItsFileAndItsTime_aChangedOneIsRewritten() throws Exception {
        SiteWriter writer = new SiteWriter(out);
        writer.write("hosts/nas.html", bytes("<p>one</p>"));
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(out.resolve("hosts/nas.html"), written);

        writer.write("hosts/nas.html", bytes("<p>one</p>"));
        assertThat(Files.getLastModifiedTime(out.resolve("hosts/nas.html"))).isEqualTo(written);
        writer.write("hosts/nas.html", bytes("<p>two</p>"));

        assertThat(out.resolve("hosts/nas.html")).hasContent("<p>two</p>");
        assertThat(writer.takeCounts()).containsExactly(2, 1);
        assertThat(writer.takeCounts()).as("reset by the last call").containsExactly(0, 0);
    }

    @Test
    void aPageLeftByAnEarlierLife_isComparedOnDisk_andLeftAloneWhenTheSame() throws Exception {
        Files.createDirectories(out.resolve("checks"));
        Files.writeString(out.resolve("checks/smart.html"), "<p>same</p>");

        SiteWriter writer = new SiteWriter(out);
        writer.write("checks/smart.html", bytes("<p>same</p>"));

        assertThat(writer.takeCounts()).containsExactly(0, 1);
    }

    @Test
    void pruning_deletesOnlyThePagesOfTheFolderThatWereNotJustRendered() throws Exception {
        SiteWriter writer = new SiteWriter(out);
        writer.write("hosts/nas.html", bytes("nas"));
        writer.write("hosts/gone.html", bytes("gone"));
        Files.writeString(out.resolve("hosts/notes.txt"), "not a page");
        writer.write("index.html", bytes("home"));

        assertThat(writer.prune("hosts", Set.of("hosts/nas.html"))).isEqualTo(1);

        assertThat(out.resolve("hosts/gone.html")).doesNotExist();
        assertThat(out.resolve("hosts/nas.html")).hasContent("nas");
        assertThat(out.resolve("hosts/notes.txt")).exists();
        assertThat(out.resolve("index.html")).exists();
        assertThat(writer.prune("checks", Set.of())).as("a folder that does not exist").isZero();
    }
}
