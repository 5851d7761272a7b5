package org.caretaker.diag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.caretaker.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

/** {@code caretaker diag} and {@code caretaker validate} run in-process on this machine through a local host. */
class DiagCliTest {
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        config = Files.writeString(dir.resolve("local.yaml"), """
                hosts:
                  - name: this-machine
                    local: true
                    tags: []
                store:
                  data-dir: ./data
                """);
    }

    @Test
    void diagFreeze_onTheOnlyHost_printsFindingsAndKeepsTheBundle() throws Exception {
        CliRun r = cli("diag", "freeze", "--config", config.toString());

        assertThat(r.out()).startsWith("this-machine\n  ");
        assertThat(r.out()).containsPattern("diag-freeze +summary ");
        assertThat(r.out()).containsPattern("diag-freeze +kernel-version +kernel \\S+");
        assertThat(r.exit()).isBetween(0, 3);
        List<Path> saved;
        try (Stream<Path> files = Files.list(dir.resolve("data/diag"))) {
            saved = files.toList();
        }
        assertThat(saved).hasSize(1);
        assertThat(r.err()).isEqualTo("caretaker diag: raw bundle saved to " + saved.get(0) + "\n");
        Bundle b = Bundle.parse(Files.readString(saved.get(0)));
        assertThat(b.kind()).isEqualTo("freeze");
        assertThat(b.sections()).extracting(Section::label).contains("journal-last", "last-boots", "usb-tree", "inotify",
                "sysctl", "timers", "crontabs", "pve-jobs", "kernel-version", "meminfo", "storage-controllers");
        assertThat(b.stdout("meminfo")).startsWith("MemTotal:");
    }

    @Test
    void diagJson_hasTheFindingsShape() {
        CliRun r = cli("diag", "storage", "--json", "--config", config.toString());

        assertThat(r.out()).startsWith("{\n  \"findings\" : [ {");
        assertThat(r.out()).contains("\"check\" : \"diag-storage\"");
    }

    @Test
    void unknownKind_isAUsageErrorNamingTheKnownOnes() {
        CliRun r = cli("diag", "frezee", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("caretaker diag: unknown diagnostic 'frezee'; known: freeze, storage, containers, k8s\n");
    }

    @Test
    void unknownHost_isAUsageErrorNamingTheConfiguredOnes() {
        CliRun r = cli("diag", "freeze", "--host", "nas", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("caretaker diag: unknown host 'nas'; configured: this-machine\n");
    }

    @Test
    void validate_withoutASection_runsTheDefaultLayers() {
        CliRun r = cli("validate", "--config", config.toString());

        assertThat(r.out()).startsWith("layer 0 hypervisor: OK\n  OK          this-machine reachability  this machine (local executor)\n"
                + "layer 1 storage: not checked\n");
        assertThat(r.out()).endsWith("\nnot passed: 1 passed, 0 failed, 4 not checked (storage, compute, services, monitoring)\n");
        assertThat(r.exit()).as("nothing checked is UNKNOWN").isEqualTo(3);
    }

    @Test
    void validateJson_namesTheFailedLayerOrNull() {
        CliRun r = cli("validate", "--json", "--config", config.toString());

        assertThat(r.out()).contains("\"failedLayer\" : null,\n  \"passed\" : false,\n  \"counts\" : \"1 passed, 0 failed, 4 not checked\",\n"
                + "  \"verdict\" : \"not passed: 1 passed, 0 failed, 4 not checked (storage, compute, services, monitoring)\"");
        assertThat(r.out()).contains("\"name\" : \"storage\",\n    \"status\" : \"not checked\"");
        assertThat(r.out()).contains("\"name\" : \"hypervisor\",\n    \"status\" : \"passed\"");
    }
}
