package org.caretaker.check.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.Inspector;
import org.junit.jupiter.api.Test;

/** Cut and damaged real outputs must give findings or UNKNOWN, never a parser crash. */
class SmartctlParsersRobustnessTest {

    private static List<String> damaged(String text) {
        List<String> lines = text.lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(String.join("\n", lines.subList(0, i)));
            List<String> without = new ArrayList<>(lines);
            without.remove(i);
            out.add(String.join("\n", without));
            String line = lines.get(i);
            out.add(String.join("\n", lines.subList(0, i)) + "\n" + line.substring(0, line.length() / 2) + "\n"
                    + String.join("\n", lines.subList(i + 1, lines.size())));
        }
        return out;
    }

    private static void neverCrashes(String parser, String fixture) {
        Inspector inspector = Fixtures.inspector(parser);
        for (String text : damaged(Fixtures.read(fixture))) {
            List<Finding> findings = inspector.inspect(text);
            assertThat(findings).isNotEmpty();
            assertThat(findings).extracting(Finding::message).noneMatch(m -> m.startsWith("parser " + parser + " failed"));
        }
    }

    @Test
    void damagedJson_neverCrashesTheParser() {
        neverCrashes("smartctl-json", "public/smartctl/ata-hdd-hitachi-FAILED-realloc1975-pending8-usbjmicron.json");
        neverCrashes("smartctl-json", "public/smartctl/nvme-samsung-pm1725-FAILED-critical-warning16.json");
        neverCrashes("smartctl-json", "public/smartctl/scsi-seagate-st373453lc-grown-defects260.json");
    }

    @Test
    void damagedText_neverCrashesTheParser() {
        neverCrashes("smartctl-text", "public/smartctl/text-ata-hdd-st3200822as-pending3-uncorrectable3-atalog58-a.txt");
        neverCrashes("smartctl-text", "public/smartctl/text-H-A-brief-hdd-passed.txt");
        neverCrashes("smartctl-text", "public/smartctl/text-nvme-samsung980pro-healthy-a.txt");
        neverCrashes("smartctl-text", "public/smartctl/text-scsi-sas-huh721212-healthy-a.txt");
    }

    /** Found by the parser fuzzer: a raw value beyond 2^63 was a NumberFormatException, not a refusal. */
    @Test
    void aRawValueBeyondALong_isRefusedWithAnExcerpt() {
        String text = Fixtures.read("public/smartctl/text-ata-hdd-st3200822as-pending3-uncorrectable3-atalog58-a.txt")
                .replace("ATA Error Count: 58", "ATA Error Count: 9223372036854775808");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmartctlTextParser.parse(text))
                .isInstanceOf(org.caretaker.check.UnparseableOutputException.class)
                .hasMessageContaining("out of range");
    }
}
