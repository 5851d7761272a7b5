package org.caretaker.alert;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.AlertPolicy;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.MaintenanceWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.alert.Lab.T0;
import static org.caretaker.alert.Lab.disk;
import static org.caretaker.alert.Lab.finding;

/** Acks, maintenance windows, silences and restarts: everything that keeps the engine quiet on purpose. */
class AlertEngine_MutingTest {
    static final String ALICE = "telegram:42";
    static final String SRV = Fingerprint.shortId("nas", "disk-usage", "/srv");

    @TempDir
    Path dir;

    Lab lab;

    @BeforeEach
    void open() throws Exception {
        lab = new Lab(dir);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private static List<String> describe(List<Notification> ns) {
        return ns.stream().map(n -> n.kind() + " " + n.key() + " " + n.previous() + "->" + n.severity()).toList();
    }

    private List<String> runAt(AlertEngine e, Duration sinceT0, Finding... findings) throws Exception {
        lab.clock.set(T0.plus(sinceT0));
        return describe(e.afterRun(lab.run(findings)));
    }

    private AlertEngine engine(List<MaintenanceWindow> windows, List<HostConfig> hosts) {
        return new AlertEngine(lab.db, AlertPolicy.DEFAULTS.withMaintenance(windows), lab.clock, hosts);
    }

    private static HostConfig local(String name, String... tags) {
        return new HostConfig(name, true, "", 22, "", Optional.empty(), Optional.empty(), false, Set.of(tags), Expectations.NONE, Map.of());
    }

    @Test
    void ack_mutesTheFindingAndItsReminders_untilItsValueChanges_thenTheChangeIsAnnounced() throws Exception {
        AlertEngine e = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        runAt(e, Duration.ZERO, disk("nas", "/srv", Severity.CRIT, 96));

        String answer = e.ack(SRV, ALICE, Optional.empty());
        List<String> same = runAt(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96));
        List<Notification> muted = e.reminders(T0.plus(Duration.ofHours(30)));
        List<String> changed = runAt(e, Duration.ofHours(31), disk("nas", "/srv", Severity.CRIT, 97));
        List<Notification> rearmed = e.reminders(T0.plus(Duration.ofHours(31 + 24)));

        assertThat(answer).isEqualTo("acked nas/disk-usage//srv until 2026-12-08 06:30 UTC or until it changes");
        assertThat(same).isEmpty();
        assertThat(muted).isEmpty();
        assertThat(changed).containsExactly("VALUE_CHANGED nas/disk-usage//srv CRIT->CRIT");
        assertThat(describe(rearmed)).containsExactly("REMINDER nas/disk-usage//srv CRIT->CRIT");
    }

    @Test
    void ackedProblemThatGetsWorse_isAnnouncedAsAnEscalation() throws Exception {
        AlertEngine e = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        runAt(e, Duration.ZERO, disk("nas", "/srv", Severity.WARN, 88));
        e.ack(SRV, ALICE, Optional.empty());

        assertThat(runAt(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96))).containsExactly("ESCALATION nas/disk-usage//srv WARN->CRIT");
    }

    @Test
    void ackBeforeTheThresholdIsReached_keepsTheFailureQuietUntilTheAckExpires() throws Exception {
        AlertPolicy p = new AlertPolicy(2, 1, Map.of(), AlertPolicy.DEFAULT_REMINDER, AlertPolicy.DEFAULT_ACK_TTL, AlertPolicy.DEFAULT_CHANNELS, List.of());
        AlertEngine e = new AlertEngine(lab.db, p, lab.clock);
        runAt(e, Duration.ZERO, disk("nas", "/srv", Severity.WARN, 88));
        e.ack(SRV, ALICE, Optional.of(Duration.ofHours(2)));

        assertThat(runAt(e, Duration.ofHours(1), disk("nas", "/srv", Severity.WARN, 88))).isEmpty();
        assertThat(runAt(e, Duration.ofHours(3), disk("nas", "/srv", Severity.WARN, 88))).containsExactly("FAILURE nas/disk-usage//srv OK->WARN");
    }

    @Test
    void expiredAck_letsRemindersThroughAgain() throws Exception {
        AlertEngine e = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        runAt(e, Duration.ZERO, disk("nas", "/srv", Severity.CRIT, 96));
        String answer = e.ack(SRV, ALICE, Optional.of(Duration.ofHours(30)));

        assertThat(answer).isEqualTo("acked nas/disk-usage//srv until 2026-12-02 12:30 UTC or until it changes");
        assertThat(e.reminders(T0.plus(Duration.ofHours(29)))).isEmpty();
        assertThat(describe(e.reminders(T0.plus(Duration.ofHours(30))))).containsExactly("REMINDER nas/disk-usage//srv CRIT->CRIT");
    }

    @Test
    void ack_ofAnIdNoOpenFindingHas_isRefusedWithASentence() throws Exception {
        AlertEngine e = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        runAt(e, Duration.ZERO, disk("nas", "/srv", Severity.OK, 40));

        assertThatThrownBy(() -> e.ack(SRV, ALICE, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no open finding has the id " + SRV + "; /status lists the open ones");
        assertThatThrownBy(() -> e.ack("deadbeef", ALICE, Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an ack must last longer than 0, found PT0S");
    }

    @Test
    void maintenanceWindow_mutesWhileActive_andTheProblemIsAnnouncedOnTheFirstRunAfter() throws Exception {
        MaintenanceWindow w = new MaintenanceWindow(Set.of("nas"), Set.of(), Set.of(),
                new MaintenanceWindow.Between(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3))));
        AlertEngine e = engine(List.of(w), List.of());

        List<String> during1 = runAt(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96), disk("pve", "/", Severity.CRIT, 97));
        List<String> during2 = runAt(e, Duration.ofHours(2), disk("nas", "/srv", Severity.CRIT, 96), disk("pve", "/", Severity.CRIT, 97));
        lab.clock.set(T0.plus(Duration.ofHours(2)));
        List<Notification> remindersDuring = e.reminders(T0.plus(Duration.ofHours(2)));
        lab.clock.set(T0.plus(Duration.ofHours(3)));
        List<Notification> after = e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96), disk("pve", "/", Severity.CRIT, 97)));

        assertThat(during1).containsExactly("FAILURE pve/disk-usage// OK->CRIT");
        assertThat(during2).isEmpty();
        assertThat(remindersDuring).isEmpty();
        assertThat(describe(after)).containsExactly("FAILURE nas/disk-usage//srv OK->CRIT");
        assertThat(after.get(0).since()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void weeklyWindowByTag_mutesOnlyItsChecks_onHostsWithThatTag() throws Exception {
        // Saturday 2026-12-05 from 02:00 Berlin time (01:00 UTC) for two hours.
        MaintenanceWindow w = new MaintenanceWindow(Set.of(), Set.of("snapraid"), Set.of("smart"),
                new MaintenanceWindow.Weekly(Set.of(DayOfWeek.SATURDAY), LocalTime.of(2, 0), Duration.ofHours(2), ZoneId.of("Europe/Berlin")));
        AlertEngine e = engine(List.of(w), List.of(local("nas", "snapraid"), local("pve", "proxmox")));
        lab.clock.set(java.time.Instant.parse("2026-12-05T01:30:00Z"));

        List<Notification> ns = e.afterRun(lab.run(
                finding("smart", "nas", "/dev/sda", Severity.CRIT, "8 pending sectors"),
                finding("disk-usage", "nas", "/srv", Severity.CRIT, "/srv is 96% full"),
                finding("smart", "pve", "/dev/nvme0", Severity.CRIT, "media errors")));

        assertThat(describe(ns)).containsExactly("FAILURE nas/disk-usage//srv OK->CRIT", "FAILURE pve/smart//dev/nvme0 OK->CRIT");
    }

    @Test
    void silence_mutesItsChecksOnItsHostsWhileTheJobRuns_thenWhatItKeptQuietIsAnnounced() throws Exception {
        AlertEngine e = engine(List.of(), List.of(local("nas", "snapraid"), local("pve", "proxmox")));
        e.silence("weekly-snapraid", List.of("smart", "disk-usage"), h -> h.hasTag("snapraid"));

        List<String> during = runAt(e, Duration.ZERO,
                finding("smart", "nas", "/dev/sda", Severity.WARN, "disk busy"),
                disk("nas", "/srv", Severity.CRIT, 96),
                finding("load", "nas", "-", Severity.WARN, "load 12"),
                disk("pve", "/", Severity.CRIT, 97));
        e.endSilence("weekly-snapraid");
        List<String> after = runAt(e, Duration.ofHours(1),
                finding("smart", "nas", "/dev/sda", Severity.OK, "healthy"),
                disk("nas", "/srv", Severity.CRIT, 96),
                finding("load", "nas", "-", Severity.WARN, "load 12"),
                disk("pve", "/", Severity.CRIT, 97));

        assertThat(during).containsExactly("FAILURE nas/load/- OK->WARN", "FAILURE pve/disk-usage// OK->CRIT");
        assertThat(after).containsExactly("FAILURE nas/disk-usage//srv OK->CRIT");
    }

    @Test
    void silenceByHostNames_coversEveryCheckWhenNoneAreNamed() throws Exception {
        AlertEngine e = engine(List.of(), List.of());
        e.silence("monthly-scrub", List.of(), Set.of("nas"));

        assertThat(runAt(e, Duration.ZERO, disk("nas", "/srv", Severity.CRIT, 96), finding("zfs-pools", "nas", "tank", Severity.WARN, "scrub running")))
                .isEmpty();
    }

    @Test
    void aRestartedEngine_neverRepeatsANotificationOrAReminder() throws Exception {
        AlertEngine before = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        var outcome = lab.run(disk("nas", "/srv", Severity.CRIT, 96));
        assertThat(describe(before.afterRun(outcome))).containsExactly("FAILURE nas/disk-usage//srv OK->CRIT");
        assertThat(before.reminders(T0.plus(Duration.ofHours(24)))).hasSize(1);
        lab.close();

        lab = new Lab(dir);
        AlertEngine after = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        assertThat(after.afterRun(outcome)).isEmpty();
        assertThat(runAt(after, Duration.ofHours(25), disk("nas", "/srv", Severity.CRIT, 96))).isEmpty();
        assertThat(after.reminders(T0.plus(Duration.ofHours(25)))).isEmpty();
        assertThat(describe(after.reminders(T0.plus(Duration.ofHours(48))))).containsExactly("REMINDER nas/disk-usage//srv CRIT->CRIT");

        AlertEngine third = new AlertEngine(lab.db, AlertPolicy.DEFAULTS, lab.clock);
        assertThat(third.reminders(T0.plus(Duration.ofHours(48)))).isEmpty();
        assertThat(runAt(third, Duration.ofHours(49), disk("nas", "/srv", Severity.OK, 50)))
                .containsExactly("RESOLVED nas/disk-usage//srv CRIT->OK");
    }
}
