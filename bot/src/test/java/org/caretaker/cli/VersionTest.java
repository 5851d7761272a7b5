package org.caretaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {
    @Test
    void versionOption_printsTheBuildsVersion_evenWhenRunFromClasses() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));

        int exit = cl.execute("--version");

        assertThat(exit).isZero();
        assertThat(out).hasToString("caretaker " + System.getProperty("caretaker.version") + "\n");
    }
}
