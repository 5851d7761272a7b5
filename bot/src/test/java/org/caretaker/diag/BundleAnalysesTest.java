package org.caretaker.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.Severity;
import org.junit.jupiter.api.Test;

/** The storage, containers and k8s bundles judged from captured and hand-assembled outputs. */
class BundleAnalysesTest {

    @Test
    void k8s_volumePinnedToAGoneNode_isCritWithThePvcRunbook() {
        List<Finding> f = K8sDiagnosis.analyze(Bundle.parse(Fixtures.read("diag/k8s-bundle-pv-pinned-to-rebuilt-node.txt")));

        Finding pinned = Fixtures.only(f, "pv/pvc-3f1e2d4c-5b6a-4789-9abc-def012345678");
        assertThat(pinned.severity()).isEqualTo(Severity.CRIT);
        assertThat(pinned.message()).isEqualTo("volume pvc-3f1e2d4c-5b6a-4789-9abc-def012345678 (claim db/data-postgres-0) can only be used "
                + "on k3s-old, which is not in the cluster any more: pods using it stay Pending with a volume node affinity conflict");
        assertThat(pinned.runbook()).isEqualTo("runbook/k8s#pvc-node-affinity");
        assertThat(Fixtures.only(f, "pvc/docs/uploads").message()).isEqualTo("claim uploads is Pending");
        assertThat(f).noneMatch(x -> x.subject().equals("pv/pvc-9a8b7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d"));
    }

    @Test
    void k8s_warningEvents_newestFirst() {
        List<Finding> f = K8sDiagnosis.analyze(Bundle.parse(Fixtures.read("diag/k8s-bundle-pv-pinned-to-rebuilt-node.txt")));

        Finding events = Fixtures.only(f, "events");
        assertThat(events.severity()).isEqualTo(Severity.WARN);
        assertThat(events.message()).startsWith("2 warning events; latest: FailedScheduling pod/db/postgres-0: 0/2 nodes are available: "
                + "1 node(s) had volume node affinity conflict");
        assertThat(events.message()).contains(" | BackOff pod/docs/paperless-7d9c6b5f4-x2kqp: Back-off restarting failed container");
    }

    @Test
    void k8s_noCluster_isReportedNotFatal() {
        Bundle b = Bundle.parse("""
                # caretaker diag k8s host=this-machine taken=2026-12-03T07:57:43Z
                ==== warning-events (exit 127): k3s kubectl get events  [root]
                ---- note: k3s is not installed
                ==== warning-events (exit 1): kubectl get events  [root]
                ---- stderr
                The connection to the server localhost:8080 was refused - did you specify the right host or port?
                """);

        Finding events = Fixtures.only(K8sDiagnosis.analyze(b), "warning-events");
        assertThat(events.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(events.message()).isEqualTo("the cluster's warning events could not be read (exit 1): "
                + "\"The connection to the server localhost:8080 was refused - did you specify the right host or port?\"");
    }

    @Test
    void storage_capturedWithoutSystemd_saysTheAutomountsCouldNotBeRead() {
        List<Finding> f = StorageDiagnosis.analyze(Bundle.parse(Fixtures.read("diag/storage-bundle-debian12-vm-no-systemd.txt")));

        assertThat(Fixtures.only(f, "filesystems").message()).isEqualTo("0 network, pooled or ZFS filesystems mounted (0 MergerFS, 0 network)");
        Finding automounts = Fixtures.only(f, "automounts");
        assertThat(automounts.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(automounts.message()).startsWith("the automount units could not be read (exit 1): \"System has not been booted with systemd");
    }

    @Test
    void storage_failedCifsAutomount_isCrit() {
        Bundle b = Bundle.parse("""
                # caretaker diag storage host=media-vm taken=2026-12-03T07:57:43Z
                ==== automounts (exit 0): systemctl list-units --type=automount --all --no-pager --plain --no-legend
                mnt-media.automount loaded failed  failed  mnt-media.automount
                mnt-books.automount loaded active  waiting mnt-books.automount
                """);

        Finding media = Fixtures.only(StorageDiagnosis.analyze(b), "mnt-media.automount");
        assertThat(media.severity()).isEqualTo(Severity.CRIT);
        assertThat(media.runbook()).isEqualTo("runbook/mounts#cifs-automount");
    }

    @Test
    void containers_restartingOnesAreTheOnesWhoseLogsAreFetched() {
        List<Finding> found = Fixtures.inspect("docker-inspect", "captured/docker-inspect-7-containers-unhealthy-restarting-oomkilled.json");

        assertThat(ContainersDiagnosis.looping(found)).containsExactly("crashy");
    }
}
