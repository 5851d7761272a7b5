package org.caretaker.diag;

import java.io.IOException;
import java.nio.file.Path;
import org.caretaker.store.DataDirectory;

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
        Path file = dir.resolve(bundle.fileName());
        // Bundles carry host crontabs and output of commands run under sudo: readable by the bot alone.
        DataDirectory.writePrivate(file, bundle.text());
        return file;
    }
}
