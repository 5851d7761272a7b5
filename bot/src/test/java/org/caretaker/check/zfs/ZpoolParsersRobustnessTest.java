package org.caretaker.check.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.Inspector;
import org.junit.jupiter.api.Test;

/** Cut and damaged real outputs must give findings or UNKNOWN, never a parser crash. */
class ZpoolParsersRobustnessTest {
    private static final List<String> STATUS = List.of(
            "public/zpool/status-degraded-unavail-was-dev-cksum100980.txt",
            "public/zpool/status-online-data-corruption-1-data-errors-no-permission.txt",
            "public/zpool/status-online-scrub-in-progress.txt",
            "public/zpool/status-v-unavail-pool-permanent-errors-solaris.txt",
            "public/zpool/status-v-three-single-disk-pools-scrub-canceled-macos-style.txt",
            "captured/zpool-status-zfs-fuse-resilver-in-progress-46pct.txt");
    private static final List<String> LIST = List.of(
            "public/zpool/list-p-v-degraded-logs-cache-unavail.txt",
            "public/zpool/list-p-online-and-faulted-pool.txt",
            "captured/zpool-list-H-zfs-fuse-two-pools-96pct-degraded.txt");

    private static List<String> damaged(String text) {
        List<String> lines = text.lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(String.join("\n", lines.subList(0, i)));
            List<String> without = new ArrayList<>(lines);
            without.remove(i);
            out.add(String.join("\n", without));
            String line = lines.get(i);
            out.add(String.join("\n", lines.subList(0, i)) + "\n" + line.substring(0, line.length() / 2));
        }
        for (int cut = 0; cut < text.length(); cut += 7) {
            out.add(text.substring(0, cut));
        }
        return out;
    }

    private static void neverCrashes(String parser, List<String> fixtures) {
        Inspector inspector = Fixtures.inspector(parser);
        for (String fixture : fixtures) {
            for (String text : damaged(Fixtures.read(fixture))) {
                List<Finding> findings = inspector.inspect(text);
                assertThat(findings).isNotEmpty();
                assertThat(findings).extracting(Finding::message)
                        .noneMatch(m -> m.startsWith("parser " + parser + " failed"));
            }
        }
    }

    @Test
    void damagedStatusOutput_neverCrashesTheParser() {
        neverCrashes("zpool-status", STATUS);
    }

    @Test
    void damagedListOutput_neverCrashesTheParser() {
        neverCrashes("zpool-list", LIST);
    }
}
