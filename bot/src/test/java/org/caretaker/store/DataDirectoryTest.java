package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database, bundles and status file are the bot's alone: a 0700 directory of 0600 files. */
class DataDirectoryTest {
    @TempDir
    Path tmp;

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Database open(Path data) throws StoreException {
        return Database.open(new StoreConfig(data, "", "sa", Secret.of(""), Duration.ofDays(400)));
    }

    @Test
    void aNewDataDirectory_andTheDatabaseInIt_areReadableByTheBotAlone() throws Exception {
        Path data = tmp.resolve("data");

        try (Database db = open(data)) {
            assertThat(perms(data)).isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> all = Files.list(data)) {
                files = all.toList();
            }
            assertThat(files).isNotEmpty();
            for (Path f : files) {
                assertThat(perms(f)).as(f.getFileName().toString()).isEqualTo(Files.isDirectory(f) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void anExistingWorldReadableDataDirectory_isTightenedAtStart() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path diag = Files.createDirectories(data.resolve("diag"));
        Files.setPosixFilePermissions(diag, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bundle = Files.writeString(diag.resolve("freeze-nas.txt"), "crontab: curl https://hc.example/ping/secret");
        Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r--r--"));

        try (Database db = open(data)) {
            assertThat(perms(data)).isEqualTo("rwx------");
            assertThat(perms(diag)).isEqualTo("rwx------");
            assertThat(perms(bundle)).isEqualTo("rw-------");
        }
    }

    @Test
    void filesTheBotWrites_areCreatedPrivate_inAPrivateSubdirectory() throws Exception {
        Path status = tmp.resolve("data").resolve("diag").resolve("bundle.txt");

        DataDirectory.writePrivate(status, "sudo output");

        assertThat(Files.readString(status)).isEqualTo("sudo output");
        assertThat(perms(status)).isEqualTo("rw-------");
        assertThat(perms(status.getParent())).isEqualTo("rwx------");
    }
}
