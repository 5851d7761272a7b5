package org.caretaker.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.caretaker.Caretaker;
import org.caretaker.check.Finding;
import org.caretaker.check.smart.SmartCheck;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.LocalExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands on this machine through the local executor. */
class GatheringTest {
    @TempDir
    Path dir;

    private HostConfig localHost() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "hosts:\n  - name: here\n    local: true\nstore:\n  data-dir: ./data\n");
        return Caretaker.load(cfg).config().hosts().get(0);
    }

    @Test
    void aMissingTool_isNotedAndTheNextQuestionIsStillAsked() throws Exception {
        try (LocalExecutor exec = new LocalExecutor(1 << 20, false)) {
            Gathering g = new Gathering(localHost(), exec, Map.of(), Clock.systemUTC());

            Section missing = g.ask("usb-tree", Command.of("caretaker-test-no-such-tool", "-t"), "caretaker-test-no-such-tool");
            Section uname = g.ask("kernel-version", Command.of("uname", "-r"), "uname");

            assertThat(missing.note()).isEqualTo("caretaker-test-no-such-tool is not installed");
            assertThat(missing.succeeded()).isFalse();
            assertThat(uname.succeeded()).isTrue();
            assertThat(uname.stdout()).isNotBlank();
            assertThat(g.bundle("freeze").sections()).extracting(Section::label).containsExactly("usb-tree", "kernel-version");
        }
    }

    @Test
    void aReusedCheck_recordsItsCommandsAndNeverThrows() throws Exception {
        try (LocalExecutor exec = new LocalExecutor(1 << 20, false)) {
            Gathering g = new Gathering(localHost(), exec, Map.of(), Clock.systemUTC());

            List<Finding> found = g.run(new SmartCheck());

            assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(f.check()).isEqualTo("smart"));
            assertThat(g.bundle("storage").sections()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.label()).startsWith("smart-"));
        }
    }
}
