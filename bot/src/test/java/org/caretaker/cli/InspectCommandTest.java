package org.caretaker.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

/** {@code caretaker inspect} without a parser: the output's shape picks one, and stderr says which and why. */
class InspectCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void fileWithoutParser_isJudgedByTheGuessedParser_andStderrSaysWhich() {
        CliRun r = cli("inspect", FIXTURES.resolve("captured/df-h-loop-ext4-100pct-tmpfs.txt").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("caretaker inspect: using parser df: its header is df's (name a parser to choose another)\n");
        assertThat(r.out()).contains("CRIT        disk-usage  /mnt/ct-data  /mnt/ct-data is 100% full (critical at 95%)");
    }

    @Test
    void stdinWithoutParser_isGuessedToo() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(
                    FIXTURES.resolve("public/kernel/dmesg-T-nfs-server-not-responding-openzfs-15734.txt"))));

            CliRun r = cli("inspect", "-", "--json");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).startsWith("caretaker inspect: using parser kernel-log: ");
            assertThat(r.out()).contains("\"subject\" : \"network-filesystems\"").contains("\"severity\" : \"WARN\"");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void textNoParserReads_isRefusedWithAnExcerpt() throws Exception {
        Path junk = Files.createTempFile("caretaker-inspect", ".txt");
        try {
            Files.writeString(junk, "\u0000\u0001\u0002", StandardCharsets.UTF_8);

            CliRun r = cli("inspect", junk.toString());

            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).startsWith("caretaker inspect: no parser reads this output; name one (see --list): ");
        } finally {
            Files.delete(junk);
        }
    }
}
