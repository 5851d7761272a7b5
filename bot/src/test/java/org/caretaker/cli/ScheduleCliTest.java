package org.caretaker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

class ScheduleCliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Files.createDirectories(dir.resolve("schedules"));
        return Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: here
                    local: true
                  - name: nas
                    local: true
                    tags: [snapraid]
                chat:
                  telegram: {token: "1:t", chats: ["-100123"]}
                schedules: schedules
                """);
    }

    @Test
    void list_printsEveryJobWithItsNextFires() throws Exception {
        Path config = config();
        Files.writeString(dir.resolve("schedules/new-year.yaml"), """
                id: new-year
                description: Three fires in 2099
                cron: "0 0 12 1 1,2,3 ? 2099"
                time-zone: Europe/Berlin
                checks: [disk-usage, smart]
                hosts: { tags: [zfs, snapraid], names: [nas] }
                channels: [telegram:-100123]
                report: digest
                misfire: skip
                changes-hosts: true
                disturbs: [smart]
                deadline: 12h
                """);
        Files.writeString(dir.resolve("schedules/plain.yaml"), """
                id: plain
                cron: "0 30 6 1 1 ? 2099"
                time-zone: UTC
                checks: [all]
                """);

        CliRun r = cli("schedule", "list", "--config", config.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("""
                new-year  Three fires in 2099
                  cron:    0 0 12 1 1,2,3 ? 2099  (Europe/Berlin)
                  next:    Thu 2099-01-01 12:00, Sun 2099-02-01 12:00, Sun 2099-03-01 12:00
                  hosts:   host nas; tags zfs or snapraid
                  checks:  disk-usage, smart
                  report:  digest to telegram:-100123
                  misfire: skip; deadline 12h
                  changes hosts: starting it by hand needs an admin and a confirmation
                  silences while running: smart
                plain
                  cron:    0 30 6 1 1 ? 2099  (UTC)
                  next:    Thu 2099-01-01 06:30
                  hosts:   every host
                  checks:  all
                  report:  changes
                  misfire: run-once
                """);
    }

    @Test
    void list_withTheShippedExample_showsTheThreeJobs() {
        CliRun r = cli("schedule", "list", "--config", REPO.resolve("examples/local.yaml").toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("daily-sanity  Daily health sweep of every host\n  cron:    0 30 6 * * ?  (Europe/Berlin)\n",
                "monthly-scrub", "  cron:    0 30 4 ? * SAT#1  (Europe/Berlin)\n", "weekly-snapraid", "  hosts:   tag snapraid\n");
        assertThat(r.out()).containsPattern("daily-sanity.*\n.*\n  next:    \\w{3} \\d{4}-\\d\\d-\\d\\d 06:30, \\w{3} \\d{4}-\\d\\d-\\d\\d 06:30, \\w{3} \\d{4}-\\d\\d-\\d\\d 06:30\n");
    }

    @Test
    void list_withABrokenSchedule_namesEveryProblemAndExits3() throws Exception {
        Path config = config();
        Path bad = Files.writeString(dir.resolve("schedules/bad.yaml"), """
                id: bad
                cron: "every day"
                checks: [disk-usage]
                """);

        CliRun r = cli("schedule", "list", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("caretaker: the schedules are not usable:\n  " + bad + ": cron: invalid Quartz cron expression \"every day\" (");
    }

    @Test
    void list_withNoScheduleFiles_saysSo() throws Exception {
        CliRun r = cli("schedule", "list", "--config", config().toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("no scheduled jobs in " + dir.resolve("schedules") + "\n");
    }
}
