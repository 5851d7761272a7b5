package org.caretaker.chat.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.caretaker.report.Report.Line;
import org.caretaker.report.Report.Section;
import org.junit.jupiter.api.Test;

/**
 * Whole console output of representative reports, compared with {@code golden/console/*.txt}. After an
 * intended change, regenerate with {@code -Dgolden.update=true} and read the diff before committing.
 */
class ConsoleRendererGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/console");
    private final ConsoleRenderer renderer = new ConsoleRenderer();

    private void matchesGolden(String name, Report report) throws Exception {
        String actual = renderer.render(report);
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        if (!Files.exists(file)) {
            fail("no golden file " + file + "; run the test with -Dgolden.update=true to write it");
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void status() throws Exception {
        matchesGolden("status", new Report("Status UNREACHABLE: 1 UNREACHABLE, 1 CRIT, 1 WARN, 40 OK across 12 checks on 3 hosts", Severity.UNREACHABLE,
                List.of(new Section("Needs attention", List.of(
                        Line.of(Severity.UNREACHABLE, "backup reachability: connection refused (since 2026-12-03 05:00 UTC) — /ack 0c1d2e3f",
                                "runbook/caretaker#unreachable"),
                        Line.of(Severity.CRIT, "nas zfs-pools tank: pool tank is DEGRADED (since 2026-12-03 06:00 UTC) — /ack 3f9c2a1b",
                                "runbook/zfs#degraded-pool"),
                        Line.of(Severity.WARN, "pve disk-usage /srv: /srv is 91% full (since 2026-12-02 22:10 UTC) — /ack 77aa01be",
                                "runbook/disks#full")))),
                List.of(), List.of()));
    }

    @Test
    void allOk() throws Exception {
        matchesGolden("all-ok", Report.text("All 12 checks OK on 3 hosts", Severity.OK, "Every latest result is OK (43 subjects)."));
    }

    @Test
    void digest() throws Exception {
        matchesGolden("digest", new Report("weekly-snapraid: 1 new problem, 1 resolved", Severity.WARN,
                List.of(new Section("New", List.of(
                                Line.of(Severity.WARN, "nas snapraid-diff: 1204 files removed since the last sync", "runbook/snapraid#many-removed"),
                                Line.code("  removed /mnt/disk1/photos/2019/IMG_0001.jpg\n  removed /mnt/disk1/photos/2019/IMG_0002.jpg"))),
                        new Section("Resolved", List.of(Line.of(Severity.OK, "pve disk-usage /srv: /srv is 72% full", ""))),
                        new Section("Still open", List.of(
                                Line.of(Severity.UNKNOWN, "nas smart /dev/sdc: smartctl printed nothing readable", "runbook/smart#unreadable"))),
                        Section.of("", "Next run: 2026-12-10 03:00 UTC")),
                List.of(new Report.Attachment("snapraid-diff.txt", "removed a\nremoved b\n")),
                List.of()));
    }

    @Test
    void confirmation() throws Exception {
        matchesGolden("confirmation", new Report("/run weekly-snapraid changes a host: confirm it", Severity.WARN,
                List.of(Section.of("", "Send /confirm 7f3a9c21d0 within 5 minutes to go ahead.", "The code works once, and only for you, here.")),
                List.of(), List.of(new Report.Action("Confirm /run weekly-snapraid", "/confirm 7f3a9c21d0"))));
    }

    @Test
    void hostileText_cannotDriveTheTerminal() throws Exception {
        String hostile = "\u001B]0;owned\u0007\u001B[2J\u001B[H\u001B[31mred\u001B[0m disk\rOVERWRITE \u009B31mC1\u001B(B\u001Bc"
                + "\u202Etxt.exe\u0000\u0008\u007F";
        Report r = new Report("container " + hostile, Severity.CRIT,
                List.of(new Section("heading\u001B[1m bold\nnext", List.of(
                        Line.of(Severity.CRIT, "docker " + hostile + "\n[ OK ] all good", "runbook/x#y\u001B[5m"),
                        Line.code("log line\u001B[31m one\r\nline two\u001B]8;;http://evil/\u001B\\link\u001B]8;;\u001B\\\tend")))),
                List.of(new Report.Attachment("out.txt", "a\u001B[2Kb\nc\u0007d")),
                List.of(new Report.Action("Do \u001B[8mhidden", "/confirm 1\u001B[D")));
        String out = renderer.render(r);

        assertThat(out).doesNotContain("\u001B").doesNotContain("\u009B").doesNotContain("\u202E").doesNotContain("\r");
        assertThat(out.chars().filter(c -> c < 0x20 && c != '\n').count()).isZero();
        matchesGolden("hostile", r);
    }
}
