package org.caretaker.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.caretaker.site.snapshot.SnapshotJson;
import org.caretaker.site.snapshot.StatusSnapshot;

/** The test fixtures: a small content folder and snapshot under test resources, and the repository's own. */
final class TestSites {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path TEMPLATES = REPO.resolve("templates");

    private TestSites() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TestSites.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path fixtureContent() {
        return resource("site/content");
    }

    static StatusSnapshot fixtureSnapshot() {
        return new SnapshotJson().read(resource("site/status.json"));
    }

    static SiteGenerator load(Path content, Path out) {
        return SiteGenerator.load(new SiteOptions(content, TEMPLATES, out, "https://runbook.example/", null, 2));
    }

    /** Every file of a folder, by relative path. */
    static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
