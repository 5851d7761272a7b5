package org.caretaker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The migration scripts as the build put them on the test classpath (a directory, not a jar). */
final class MigrationScripts {
    private MigrationScripts() {
    }

    /** The {@code db} resource folder. */
    static Path root() {
        try {
            return Path.of(MigrationScripts.class.getClassLoader().getResource("db").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under {@code db}, relative to it, with forward slashes. */
    static List<String> files() {
        Path root = root();
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions Flyway will apply on this dialect: the common ones and the dialect's own. */
    static List<String> versions(Database.Dialect dialect) {
        return files().stream()
                .filter(f -> f.startsWith("migration/common/") || f.startsWith("migration/" + dialect.suffix() + "/"))
                .map(f -> f.substring(f.lastIndexOf('/') + 1))
                .map(f -> f.substring(1, f.indexOf("__")))
                .sorted(Comparator.comparingInt(Integer::parseInt))
                .toList();
    }
}
