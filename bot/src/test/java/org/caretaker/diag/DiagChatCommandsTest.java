package org.caretaker.diag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.caretaker.Caretaker;
import org.caretaker.chat.ChatUser;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.command.DiagCommand;
import org.caretaker.chat.command.ValidateCommand;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Severity;
import org.caretaker.config.BootLayers;
import org.caretaker.report.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The chat commands on this machine through a local host, as the bot wires them. */
class DiagChatCommandsTest {
    @TempDir
    Path dir;

    private Caretaker caretaker;

    @BeforeEach
    void load() throws Exception {
        Path cfg = Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: this-machine
                    local: true
                store:
                  data-dir: ./data
                """);
        caretaker = Caretaker.load(cfg);
    }

    private static CommandRequest request(String name, String... args) {
        return new CommandRequest(new ChatUser("console", "alice", "Alice"), Set.of(), "console:main", name, List.of(args));
    }

    private DiagCommand diag() {
        return new DiagCommand(new Diagnostics(caretaker.config(), caretaker.executors(), caretaker.clock()),
                new BundleArchive(caretaker.config().store().dataDir()));
    }

    @Test
    void diagFreeze_answersWithTheSummaryFirstAndTheBundleAttached() throws Exception {
        Report r = diag().handle(request("diag", "freeze"));

        assertThat(r.title()).startsWith("freeze on this-machine: ");
        Report.Line first = r.sections().get(0).lines().get(0);
        assertThat(first.runbook()).isEqualTo("runbook/freeze#after-a-freeze");
        assertThat(r.attachments()).hasSize(1);
        Report.Attachment a = r.attachments().get(0);
        assertThat(a.fileName()).startsWith("diag-freeze-this-machine-").endsWith(".txt");
        assertThat(a.content()).startsWith("# caretaker diag freeze host=this-machine taken=");
        assertThat(Files.readString(dir.resolve("data/diag/" + a.fileName()))).isEqualTo(a.content());
        List<Report.Line> lines = r.sections().get(0).lines();
        assertThat(lines.get(lines.size() - 1).text())
                .isEqualTo("The raw bundle is attached and kept as " + a.fileName() + " in the data directory.");
    }

    @Test
    void diagUnknownKindOrHost_isRefusedWithTheKnownOnes() throws Exception {
        Report kind = diag().handle(request("diag", "memory"));
        Report host = diag().handle(request("diag", "storage", "nas"));

        assertThat(kind.severity()).isEqualTo(Severity.WARN);
        assertThat(kind.sections().get(0).lines().get(0).text())
                .isEqualTo("Unknown diagnostic 'memory'; known: freeze, storage, containers, k8s.");
        assertThat(host.sections().get(0).lines().get(0).text()).isEqualTo("unknown host 'nas'; configured: this-machine.");
    }

    @Test
    void validate_listsEachLayerThatRanWithItsRunbook() throws Exception {
        ValidateCommand cmd = new ValidateCommand(new BootValidation(caretaker.runner(CheckMemory.NONE), caretaker.catalogue()),
                caretaker.config().hosts(), BootLayers.defaults());

        Report r = cmd.handle(request("validate"));

        assertThat(r.title()).isEqualTo("/validate: not passed: 1 passed, 0 failed, 4 not checked (storage, compute, services, monitoring)");
        assertThat(r.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(r.sections()).extracting(Report.Section::heading).containsExactly(
                "Layer 0 hypervisor: passed", "Layer 1 storage: not checked",
                "Layer 2 compute: not checked", "Layer 3 services: not checked",
                "Layer 4 monitoring: not checked");
        List<Report.Line> layer0 = r.sections().get(0).lines();
        assertThat(layer0.get(0).text()).isEqualTo("this-machine reachability: this machine (local executor)");
        assertThat(layer0.get(layer0.size() - 1).runbook()).isEqualTo("runbook/boot-order#layer-0-hypervisor");
    }
}
