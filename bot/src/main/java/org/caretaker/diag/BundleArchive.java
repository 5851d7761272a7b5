package org.caretaker.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps every diagnostic bundle as a text file under {@code <data-dir>/diag/}, so the evidence of a freeze
 * outlives the chat message it was attached to and the next freeze can be compared with it.
 */
public final class BundleArchive {
    private final Path dir;

    /** @param dataDir the store's data directory; bundles go into its {@code diag} subdirectory */
    public BundleArchive(Path dataDir) {
        this.dir = dataDir.resolve("diag");
    }

    /** Writes the bundle and returns its path. */
    public Path save(Bundle bundle) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(bundle.fileName());
        Files.writeString(file, bundle.text(), StandardCharsets.UTF_8);
        return file;
    }
}
