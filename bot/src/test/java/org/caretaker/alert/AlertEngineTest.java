package org.caretaker.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Severity;
import org.caretaker.config.AlertPolicy;
import org.caretaker.job.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.alert.Lab.T0;
import static org.caretaker.alert.Lab.disk;
import static org.caretaker.alert.Lab.finding;

/** Thresholds, escalation, resolution and reminders, on a real H2 file. */
class AlertEngineTest {
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

    private AlertEngine engine(int failures, int successes) {
        AlertPolicy p = new AlertPolicy(failures, successes, Map.of(), AlertPolicy.DEFAULT_REMINDER, AlertPolicy.DEFAULT_ACK_TTL,
                AlertPolicy.DEFAULT_CHANNELS, List.of());
        return new AlertEngine(lab.db, p, lab.clock);
    }

    private static List<String> describe(List<Notification> ns) {
        return ns.stream().map(n -> n.kind() + " " + n.key() + " " + n.previous() + "->" + n.severity()).toList();
    }

    private List<Notification> runAfter(AlertEngine e, Duration later, org.caretaker.check.Finding... findings) throws Exception {
        lab.clock.advance(later);
        return e.afterRun(lab.run(findings));
    }

    @Test
    void defaultThresholds_announceOnce_thenStayQuietWhileNothingChanges() throws Exception {
        AlertEngine e = engine(1, 1);

        List<Notification> first = e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96), disk("nas", "/", Severity.OK, 20)));
        List<Notification> second = runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96), disk("nas", "/", Severity.OK, 20));

        assertThat(first).containsExactly(new Notification(Notification.Kind.FAILURE, "nas", "disk-usage", "/srv", Severity.CRIT,
                Severity.OK, "/srv is 96% full (critical at 95%)", "runbook/disks#disk-full", Fingerprint.shortId("nas", "disk-usage", "/srv"), T0));
        assertThat(second).isEmpty();
    }

    @Test
    void failureThresholdOfTwo_firstRunIsSilent_secondAnnouncesSinceTheFirst() throws Exception {
        AlertPolicy p = new AlertPolicy(1, 1, Map.of("disk-usage", new AlertPolicy.CheckThresholds(2, 1)), AlertPolicy.DEFAULT_REMINDER,
                AlertPolicy.DEFAULT_ACK_TTL, AlertPolicy.DEFAULT_CHANNELS, List.of());
        AlertEngine e = new AlertEngine(lab.db, p, lab.clock);

        List<Notification> first = e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96), finding("load", "nas", "-", Severity.WARN, "load 9.1")));
        List<Notification> second = runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96), finding("load", "nas", "-", Severity.WARN, "load 9.1"));

        assertThat(describe(first)).containsExactly("FAILURE nas/load/- OK->WARN");
        assertThat(describe(second)).containsExactly("FAILURE nas/disk-usage//srv OK->CRIT");
        assertThat(second.get(0).since()).isEqualTo(T0);
    }

    @Test
    void flappingBelowTheFailureThreshold_saysNothing() throws Exception {
        AlertEngine e = engine(2, 1);
        List<String> all = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96))));
            all.addAll(describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.OK, 40))));
        }
        assertThat(all).isEmpty();
    }

    @Test
    void successThresholdOfTwo_resolvesOnTheSecondOkRun() throws Exception {
        AlertEngine e = engine(1, 2);

        List<Notification> fail = e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96)));
        List<Notification> ok1 = runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.OK, 60));
        List<Notification> ok2 = runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.OK, 55));

        assertThat(describe(fail)).containsExactly("FAILURE nas/disk-usage//srv OK->CRIT");
        assertThat(ok1).isEmpty();
        assertThat(ok2).hasSize(1);
        Notification r = ok2.get(0);
        assertThat(describe(ok2)).containsExactly("RESOLVED nas/disk-usage//srv CRIT->OK");
        assertThat(r.message()).isEqualTo("/srv is 55% full");
        assertThat(r.since()).isEqualTo(T0);
    }

    @Test
    void aRelapseBeforeTheSuccessThreshold_isNotAnnouncedAgain() throws Exception {
        AlertEngine e = engine(1, 2);

        e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96)));
        List<Notification> ok = runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.OK, 60));
        List<Notification> again = runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96));

        assertThat(ok).isEmpty();
        assertThat(again).isEmpty();
    }

    @Test
    void escalation_isAnnounced_andEveryNewRiseAfterAnImprovementToo() throws Exception {
        AlertEngine e = engine(1, 1);

        List<String> warn = describe(e.afterRun(lab.run(disk("nas", "/srv", Severity.WARN, 88))));
        List<String> crit = describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96)));
        List<String> stillCrit = describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 97)));
        List<String> better = describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.WARN, 90)));
        List<String> worseAgain = describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96)));

        assertThat(warn).containsExactly("FAILURE nas/disk-usage//srv OK->WARN");
        assertThat(crit).containsExactly("ESCALATION nas/disk-usage//srv WARN->CRIT");
        assertThat(stillCrit).isEmpty();
        assertThat(better).isEmpty();
        assertThat(worseAgain).containsExactly("ESCALATION nas/disk-usage//srv WARN->CRIT");
    }

    @Test
    void aSubjectTheCheckStoppedReporting_resolvesAtOnce() throws Exception {
        AlertEngine e = engine(1, 3);

        e.afterRun(lab.run(disk("nas", "/mnt/usb", Severity.CRIT, 99), disk("nas", "/", Severity.OK, 20)));
        List<Notification> gone = runAfter(e, Duration.ofHours(1), disk("nas", "/", Severity.OK, 20));

        assertThat(describe(gone)).containsExactly("RESOLVED nas/disk-usage//mnt/usb CRIT->OK");
        assertThat(gone.get(0).message()).isEqualTo("no longer reported");
    }

    @Test
    void theSameOutcomeDeliveredTwice_countsOnce() throws Exception {
        AlertEngine e = engine(2, 1);

        RunOutcome first = lab.run(disk("nas", "/srv", Severity.CRIT, 96));
        assertThat(e.afterRun(first)).isEmpty();
        assertThat(e.afterRun(first)).isEmpty();
        assertThat(describe(runAfter(e, Duration.ofHours(1), disk("nas", "/srv", Severity.CRIT, 96))))
                .containsExactly("FAILURE nas/disk-usage//srv OK->CRIT");
    }

    @Test
    void unresolvedCrit_isRemindedOncePerInterval() throws Exception {
        AlertEngine e = engine(1, 1);
        e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96), disk("pve", "/", Severity.WARN, 88)));

        List<Notification> early = e.reminders(T0.plus(Duration.ofHours(23)));
        List<Notification> due = e.reminders(T0.plus(Duration.ofHours(24)));
        List<Notification> repeated = e.reminders(T0.plus(Duration.ofHours(25)));
        List<Notification> nextDay = e.reminders(T0.plus(Duration.ofHours(48)));

        assertThat(early).isEmpty();
        assertThat(describe(due)).containsExactly("REMINDER nas/disk-usage//srv CRIT->CRIT");
        assertThat(due.get(0).since()).isEqualTo(T0);
        assertThat(repeated).isEmpty();
        assertThat(describe(nextDay)).containsExactly("REMINDER nas/disk-usage//srv CRIT->CRIT");
    }

    @Test
    void unreachableHost_isReminded_butAResolvedOneIsNot() throws Exception {
        AlertEngine e = engine(1, 1);
        e.afterRun(lab.run(finding("reachability", "pve", "-", Severity.UNREACHABLE, "connection refused"),
                disk("nas", "/srv", Severity.CRIT, 96)));
        runAfter(e, Duration.ofHours(1), finding("reachability", "pve", "-", Severity.UNREACHABLE, "connection refused"),
                disk("nas", "/srv", Severity.OK, 60));

        assertThat(describe(e.reminders(T0.plus(Duration.ofHours(30))))).containsExactly("REMINDER pve/reachability/- UNREACHABLE->UNREACHABLE");
    }

    @Test
    void reminderIntervalZero_turnsRemindersOff() throws Exception {
        AlertPolicy p = new AlertPolicy(1, 1, Map.of(), Duration.ZERO, AlertPolicy.DEFAULT_ACK_TTL, AlertPolicy.DEFAULT_CHANNELS, List.of());
        AlertEngine e = new AlertEngine(lab.db, p, lab.clock);
        e.afterRun(lab.run(disk("nas", "/srv", Severity.CRIT, 96)));

        assertThat(e.reminders(T0.plus(Duration.ofDays(30)))).isEmpty();
    }
}
