package org.caretaker.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds what only the bot may read: the database, diagnostic bundles (host crontabs, output
 * of commands run under sudo) and the status file. The directory is 0700 and every file in it 0600; one that
 * was looser (made by an older version, or by hand) is tightened with a warning at start. Files the bot writes
 * itself are created 0600 from the start, never written first and tightened after.
 *
 * <p>On a file system without POSIX permissions nothing is changed.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (and the subdirectory) 0700 if missing; tightens it and everything in it otherwise. */
    public static Path secure(Path dir) throws IOException {
        if (!posix()) {
            return Files.createDirectories(dir);
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            return dir;
        }
        int changed = tighten(dir);
        if (changed > 0) {
            LOG.warn("data directory was readable by others; tightened to 0700 and files to 0600 dir={} changed={}",
                    dir, changed);
        }
        return dir;
    }

    /**
     * Tightens the files the database just made: H2 creates them under the process umask, and the directory
     * being 0700 already keeps them from others, so this needs no warning.
     */
    public static void tightenNewFiles(Path dir) {
        if (posix() && Files.isDirectory(dir)) {
            try {
                tighten(dir);
            } catch (IOException e) {
                LOG.warn("cannot tighten the database files dir={} reason=\"{}\"", dir, e.getMessage());
            }
        }
    }

    private static int tighten(Path dir) throws IOException {
        List<Path> loose;
        try (Stream<Path> all = Files.walk(dir)) {
            loose = all.filter(p -> !Files.isSymbolicLink(p)).filter(DataDirectory::readableByOthers).toList();
        }
        for (Path p : loose) {
            Files.setPosixFilePermissions(p, Files.isDirectory(p) ? DIR : FILE);
        }
        return loose.size();
    }

    private static boolean readableByOthers(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return perms.stream().anyMatch(OTHERS::contains);
        } catch (IOException e) {
            return false;
        }
    }

    /** A private subdirectory ({@code diag}, {@code backups}), 0700 from its creation. */
    public static Path subdirectory(Path dir) throws IOException {
        if (!posix() || Files.exists(dir)) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
    }

    /**
     * Writes {@code text} to {@code file} through a 0600 temporary file moved into place, so no reader ever sees
     * it half written or with looser permissions.
     */
    public static void writePrivate(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        subdirectory(parent);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
