package org.caretaker.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The schedules, runbook and site files that ship inside the jar, as folders the loaders can walk like any
 * other: inside {@code caretaker.jar} they are folders of the jar's own zip file system, when run from classes
 * they are plain folders. So the jar and a configuration are enough to run; a folder named in the configuration
 * takes their place (schedules) or is laid over them (runbook pages, site files).
 */
public final class ShippedFiles {
    private static final String ROOT = "caretaker/";

    private ShippedFiles() {
    }

    /** The shipped jobs: daily sanity, weekly SnapRAID, monthly scrub. */
    public static Path schedules() {
        return folder("schedules");
    }

    /** The shipped runbook's Markdown pages. */
    public static Path content() {
        return folder("content");
    }

    /** The shipped site files: only {@code static/} is read, the templates themselves are compiled in. */
    public static Path templates() {
        return folder("templates");
    }

    private static Path folder(String name) {
        Path folder = Root.PATH.resolve(ROOT + name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("the build left out the shipped " + name + " (" + folder + ")");
        }
        return folder;
    }

    /** Opened once, on first use, and left open for the life of the process: every shipped path points into it. */
    private static final class Root {
        static final Path PATH = open();

        private static Path open() {
            try {
                Path location = Path.of(ShippedFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(location)) {
                    return location;
                }
                FileSystem jar = FileSystems.newFileSystem(location);
                return jar.getPath("/");
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the jar: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the jar", e);
            }
        }
    }
}
