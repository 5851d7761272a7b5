package org.caretaker.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.report.ReportPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleLoaderTest {
    private static final Path REPO_SCHEDULES = Path.of("..", "schedules");
    private static final Set<String> KNOWN = Catalogue.standard().checks().stream().map(Check::id).collect(Collectors.toSet());
    private static final ZoneId BOT_ZONE = ZoneId.of("UTC");

    @TempDir
    Path dir;

    private final ScheduleLoader loader = new ScheduleLoader(KNOWN, BOT_ZONE);

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private List<String> problems() {
        try {
            loader.load(dir);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the schedules to be refused");
    }

    @Test
    void theShippedSchedules_areValid() throws Exception {
        List<Schedule> all = loader.load(REPO_SCHEDULES);

        assertThat(all).extracting(Schedule::id).containsExactly("daily-sanity", "monthly-scrub", "weekly-snapraid");
        Schedule weekly = all.get(2);
        assertThat(weekly.hosts().tags()).containsExactly("snapraid");
        assertThat(weekly.changesHosts()).isTrue();
        assertThat(weekly.disturbs()).containsExactly("disk-usage", "mounts");
        Schedule monthly = all.get(1);
        assertThat(monthly.cron()).isEqualTo("0 30 4 ? * SAT#1");
        assertThat(monthly.hosts().tags()).containsExactly("zfs", "snapraid");
        assertThat(monthly.changesHosts()).isTrue();
        assertThat(all.get(0).checks()).containsExactly("all");
        assertThat(weekly.procedure()).contains("snapraid-weekly");
        assertThat(monthly.procedure()).contains("monthly-scrub");
        assertThat(all.get(0).procedure()).isEmpty();
    }

    @Test
    void anUnknownProcedure_isRefusedWithTheKnownOnes() throws Exception {
        write("weekly.yaml", """
                id: weekly
                cron: "0 30 4 ? * SUN"
                checks: [smart]
                procedure: snapraid-weakly
                """);

        assertThat(problems()).containsExactly(
                dir.resolve("weekly.yaml") + ": procedure: unknown procedure 'snapraid-weakly'; known: snapraid-weekly, monthly-scrub");
    }

    @Test
    void theShippedSchedules_neverFireInTheBackupHour() throws Exception {
        Instant from = Instant.parse("2027-01-01T00:00:00Z");
        for (Schedule s : loader.load(REPO_SCHEDULES)) {
            List<Instant> fires = s.nextFires(from, 400);
            assertThat(fires).as(s.id()).isNotEmpty();
            for (Instant fire : fires) {
                ZonedDateTime start = fire.atZone(s.zone());
                ZonedDateTime end = start.plus(s.deadline().orElse(Duration.ofHours(1)));
                ZonedDateTime nextBackup = start.toLocalTime().isBefore(LocalTime.of(4, 0))
                        ? start.with(LocalTime.of(3, 0))
                        : start.plusDays(1).with(LocalTime.of(3, 0));
                assertThat(start.getHour()).as(s.id() + " fires at " + start).isNotEqualTo(3);
                assertThat(end).as(s.id() + " may still run at " + end).isBefore(nextBackup);
            }
        }
    }

    @Test
    void theShippedSchedules_fireWhenTheirCommentsSay() throws Exception {
        Map<String, Schedule> byId = loader.load(REPO_SCHEDULES).stream().collect(Collectors.toMap(Schedule::id, s -> s));
        Instant from = Instant.parse("2027-01-01T00:00:00Z");

        assertThat(local(byId.get("daily-sanity"), from)).containsExactly("2027-01-01T06:30+01:00[Europe/Berlin]",
                "2027-01-02T06:30+01:00[Europe/Berlin]");
        assertThat(local(byId.get("weekly-snapraid"), from)).containsExactly("2027-01-03T04:30+01:00[Europe/Berlin]",
                "2027-01-10T04:30+01:00[Europe/Berlin]");
        assertThat(local(byId.get("monthly-scrub"), from)).containsExactly("2027-01-02T04:30+01:00[Europe/Berlin]",
                "2027-02-06T04:30+01:00[Europe/Berlin]");
    }

    private static List<String> local(Schedule s, Instant from) {
        return s.nextFires(from, 2).stream().map(i -> ZonedDateTime.ofInstant(i, s.zone()).toString()).toList();
    }

    @Test
    void aFullFile_isReadIntoTheRecord() throws Exception {
        write("nightly.yaml", """
                id: nightly
                description: Night owl
                cron: "0 15 23 * * ?"
                time-zone: America/New_York
                checks: [disk-usage, smart]
                hosts: { tags: [zfs], names: [nas] }
                channels: [telegram:-100123, console:local]
                report: digest
                misfire: skip
                changes-hosts: true
                disturbs: [smart]
                deadline: 45m
                """);

        Schedule s = loader.load(dir).get(0);

        assertThat(s).isEqualTo(new Schedule("nightly", "Night owl", "0 15 23 * * ?", ZoneId.of("America/New_York"),
                List.of("disk-usage", "smart"), new HostSelector(List.of("zfs"), List.of("nas")),
                List.of("telegram:-100123", "console:local"), ReportPolicy.DIGEST, MisfirePolicy.SKIP, true,
                List.of("smart"), Optional.of(Duration.ofMinutes(45))));
    }

    @Test
    void aMinimalFile_takesTheDefaults() throws Exception {
        write("tiny.yaml", """
                id: tiny
                cron: "0 0 12 * * ?"
                checks: [all]
                """);

        Schedule s = loader.load(dir).get(0);

        assertThat(s.zone()).isEqualTo(BOT_ZONE);
        assertThat(s.hosts()).isEqualTo(HostSelector.EVERY_HOST);
        assertThat(s.report()).isEqualTo(ReportPolicy.CHANGES);
        assertThat(s.misfire()).isEqualTo(MisfirePolicy.RUN_ONCE);
        assertThat(s.channels()).isEmpty();
        assertThat(s.changesHosts()).isFalse();
        assertThat(s.deadline()).isEmpty();
    }

    @Test
    void everyProblem_isListedWithItsFileAndPath() throws Exception {
        Path bad = write("daily-sanity.yaml", """
                id: daily-sanity
                cron: "0 30 25 * * ?"
                time-zone: Mars/Olympus
                checks: [disk-usage, snapraid-stauts]
                hosts: { tags: [zfs], hostnames: [nas] }
                channels: [telegram]
                report: sometimes
                misfire: later
                disturbs: [mounts, nope]
                deadline: soon
                retries: 3
                """);

        assertThat(problems()).containsExactly(
                bad + ": time-zone: unknown time zone 'Mars/Olympus'; use a region such as Europe/Berlin or UTC",
                bad + ": checks[1]: unknown check 'snapraid-stauts'; known: all, " + String.join(", ", new java.util.TreeSet<>(KNOWN)),
                bad + ": hosts.hostnames: unknown key; known: tags, names",
                bad + ": channels[0]: 'telegram' must be platform:channel, such as telegram:-100123 or console:local",
                bad + ": report: unknown value 'sometimes'; known: always, changes, digest",
                bad + ": misfire: unknown value 'later'; known: run-once, skip",
                bad + ": disturbs[1]: unknown check 'nope'; known: " + String.join(", ", new java.util.TreeSet<>(KNOWN)),
                bad + ": deadline: must be a duration such as 30s, 5m, 2h or 7d, found 'soon'",
                bad + ": retries: unknown key; known: id, description, cron, time-zone, checks, hosts, channels, report, misfire, changes-hosts, disturbs, deadline",
                bad + ": cron: invalid Quartz cron expression \"0 30 25 * * ?\" (Hour values must be between 0 and 23)");
    }

    @Test
    void inALab_unknownHostsAndUndeliverableChannels_areRefused() throws Exception {
        Path f = write("nightly.yaml", """
                id: nightly
                cron: "0 0 1 * * ?"
                checks: [all]
                hosts: {names: [nas, nsa], tags: [snapraid]}
                channels: ["slack:ops", "console:local", "telegram:-100"]
                """);
        ScheduleLoader inLab = new ScheduleLoader(KNOWN, BOT_ZONE, new ScheduleLoader.Lab(
                List.of(new HostConfig("nas", true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(), Expectations.NONE, Map.of())),
                ChatConfig.CONSOLE_ONLY));

        assertThatThrownBy(() -> inLab.load(dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                f + ": hosts.names[1]: unknown host 'nsa'; configured: nas",
                f + ": channels[0]: 'slack:ops' names an unknown platform 'slack'; known: console, telegram, discord",
                f + ": channels[2]: 'telegram:-100' names Telegram, which is not configured (chat.telegram)"));
    }

    @Test
    void anIdThatIsNotTheFileName_isRefused() throws Exception {
        Path f = write("daily.yaml", """
                id: daily-sanity
                cron: "0 30 6 * * ?"
                checks: [all]
                """);

        assertThat(problems()).containsExactly(
                f + ": id: 'daily-sanity' does not match the file name; the file must be daily-sanity.yaml, or the id daily");
    }

    @Test
    void twoFilesWithOneId_areRefused() throws Exception {
        write("nightly.yaml", "id: nightly\ncron: \"0 0 1 * * ?\"\nchecks: [all]\n");
        Path second = write("nightly.yml", "id: nightly\ncron: \"0 0 2 * * ?\"\nchecks: [all]\n");

        assertThat(problems()).containsExactly(second + ": id: 'nightly' is already the id of " + dir.resolve("nightly.yaml"));
    }

    @Test
    void missingRequiredKeys_andBrokenYaml_areReportedPerFile() throws Exception {
        Path empty = write("a.yaml", "description: nothing else\n");
        Path broken = write("b.yaml", "id: b\ncron: [unclosed\n");
        write("notes.txt", "not a schedule");

        List<String> problems = problems();

        assertThat(problems).startsWith(
                empty + ": id: is required",
                empty + ": cron: is required",
                empty + ": checks: must name at least one check, or all");
        assertThat(problems).hasSize(4);
        assertThat(problems.get(3)).startsWith(broken + ": line 2: not valid YAML: while parsing a flow sequence");
    }

    @Test
    void allWithOtherChecks_isRefused() throws Exception {
        Path f = write("x.yaml", "id: x\ncron: \"0 0 1 * * ?\"\nchecks: [all, smart]\n");

        assertThat(problems()).containsExactly(f + ": checks: 'all' already includes every check; list nothing else with it");
    }

    @Test
    void aMissingDirectory_isAProblem() {
        Path nowhere = dir.resolve("nowhere");

        assertThatThrownBy(() -> loader.load(nowhere)).isInstanceOf(ConfigException.class)
                .hasMessage(nowhere + ": the schedules directory does not exist");
    }

    @Test
    void anEmptyDirectory_meansNoJobs() throws Exception {
        assertThat(loader.load(dir)).isEmpty();
    }

    @Test
    void hostSelector_matchesNamesOrAnyTag_andEmptyMeansEveryHost() {
        HostConfig nas = host("nas", "snapraid");
        HostConfig pve = host("pve", "zfs", "proxmox");
        HostConfig pi = host("pi");
        HostSelector tags = new HostSelector(List.of("zfs", "snapraid"), List.of());
        HostSelector names = new HostSelector(List.of(), List.of("pi"));

        assertThat(List.of(nas, pve, pi)).filteredOn(tags).containsExactly(nas, pve);
        assertThat(List.of(nas, pve, pi)).filteredOn(names).containsExactly(pi);
        assertThat(List.of(nas, pve, pi)).filteredOn(HostSelector.EVERY_HOST).containsExactly(nas, pve, pi);
        assertThat(tags.describe()).isEqualTo("tags zfs or snapraid");
        assertThat(new HostSelector(List.of("zfs"), List.of("pi", "nas")).describe()).isEqualTo("hosts pi, nas; tag zfs");
        assertThat(HostSelector.EVERY_HOST.describe()).isEqualTo("every host");
    }

    private static HostConfig host(String name, String... tags) {
        return new HostConfig(name, true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(tags), Expectations.NONE, Map.of());
    }
}
