package org.caretaker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.caretaker.Caretaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

class InitCliTest {
    @TempDir
    Path dir;

    @Test
    void init_writesAStarterThatLoads_withThisMachineTaggedByWhatItRuns() throws Exception {
        CliRun r = cli("init", dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("keys")).isDirectory();
        assertThat(dir.resolve("schedules")).isDirectory();
        Caretaker loaded = Caretaker.load(dir.resolve("caretaker.yaml"));
        assertThat(loaded.config().hosts()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("this-machine");
            assertThat(h.hasTag("no-systemd")).isEqualTo(!Files.isDirectory(Path.of("/run/systemd/system")));
        });
        assertThat(Files.readString(dir.resolve("caretaker.yaml"))).contains("# telegram:", "# alerts:",
                "    # Tags decide which checks apply");
    }

    @Test
    void init_neverOverwritesAConfiguration() throws Exception {
        Files.writeString(dir.resolve("caretaker.yaml"), "# mine\n");

        CliRun r = cli("init", dir.toString(), "--without-local");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("caretaker: " + dir.resolve("caretaker.yaml")
                + " already exists; nothing was written (edit it, or use another directory)\n");
        assertThat(Files.readString(dir.resolve("caretaker.yaml"))).isEqualTo("# mine\n");
    }

    @Test
    void initWithoutLocal_startsWithAnEmptyHostList() throws Exception {
        assertThat(cli("init", dir.toString(), "--without-local").exit()).isZero();

        assertThat(Files.readString(dir.resolve("caretaker.yaml"))).contains("\nhosts: []\n").doesNotContain("this-machine");
        assertThat(Caretaker.load(dir.resolve("caretaker.yaml")).config().hosts()).isEmpty();
    }
}
