package org.caretaker.site.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
    private final SnapshotJson json = new SnapshotJson();

    @Test
    void theShippedSample_reads_andSortsEverything() {
        StatusSnapshot s = json.read(Path.of("..", "examples", "status-sample.json"));
        assertThat(s.schemaVersion()).isEqualTo(1);
        assertThat(s.hosts()).extracting(StatusSnapshot.HostStatus::name).isSorted().contains("pve", "storage");
        assertThat(s.findings()).anyMatch(f -> f.severity() == Level.CRIT && f.runbook().equals("runbook/zfs#degraded-pool"));
        assertThat(s.schedules()).isNotEmpty().allMatch(sc -> !sc.nextFires().isEmpty());
    }

    @Test
    void writtenSnapshot_readsBackEqual() {
        StatusSnapshot s = json.read(Path.of("..", "examples", "status-sample.json"));
        assertThat(json.parse(json.write(s), "round trip")).isEqualTo(s);
    }

    @Test
    void newerMajorVersion_isRefusedWithWhatToDo() {
        assertThatThrownBy(() -> json.parse("{\"schemaVersion\": 3, \"generatedAt\": \"2026-12-03T06:00:00Z\"}", "status.json"))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("status.json: schemaVersion 3 is newer than this generator understands (2); "
                        + "upgrade the site generator to the bot's version");
    }

    @Test
    void missingVersion_andBrokenJson_andMissingFields_sayWhat() {
        assertThatThrownBy(() -> json.parse("{}", "a.json"))
                .hasMessage("a.json: schemaVersion is missing; this generator reads schemaVersion 2");
        assertThatThrownBy(() -> json.parse("{\"schemaVersion\":", "b.json"))
                .hasMessageStartingWith("b.json: not valid JSON: ");
        assertThatThrownBy(() -> json.parse("{\"schemaVersion\": 1}", "c.json"))
                .hasMessage("c.json: not a valid status snapshot: generatedAt");
    }
}
