package org.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caretaker.Caretaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCliTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void init_writesAStarterThatLoads_withThisMachineTaggedByWhatItRuns() throws Exception {
        Result r = cli("init", dir.toString());

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

        Result r = cli("init", dir.toString(), "--without-local");

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
