package org.caretaker.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.check.Fixtures;
import org.caretaker.check.mounts.FindmntParser;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.MountExpectation;
import org.junit.jupiter.api.Test;

class ProposalTest {
    // Hand-written, shaped like the storage VM of the captured findmnt listing below.
    private static final String FSTAB = """
            # data disks
            LABEL=disk1  /mnt/disk1  ext4  defaults  0 2
            LABEL=disk2  /mnt/disk2  ext4  defaults  0 2
            LABEL=disk3  /mnt/disk3  ext4  defaults  0 2
            LABEL=parity1  /mnt/parity1  ext4  defaults  0 2
            /mnt/disk*  /mnt/storage  mergerfs  allow_other,fsname=mergerfs  0 0
            //nas.example/backup\\040share  /mnt/backup  cifs  credentials=/etc/samba/creds,x-systemd.automount  0 0
            nas.example:/export  /mnt/export  nfs4  noauto,x-systemd.automount  0 0
            """;
    private static final String SNAPRAID_CONF = """
            parity /mnt/parity1/snapraid.parity
            content /var/snapraid/snapraid.content
            content /mnt/disk1/.snapraid.content
            data d1 /mnt/disk1/
            data d2 /mnt/disk2/
            data d3 /mnt/disk3/
            """;

    private static Discovered storage() throws Exception {
        return new Discovered(false, true, List.of(), Optional.of(SnapraidConf.parse(SNAPRAID_CONF)),
                FindmntParser.parse(Fixtures.read("captured/findmnt-J-mergerfs-healthy.json")), FstabEntry.parse(FSTAB),
                List.of("/dev/sda", "/dev/sdb"), false, List.of(), false, false, false, false,
                Map.of("smartctl", true, "snapraid", true), List.of());
    }

    @Test
    void aStorageVm_getsSnapraidAndEveryDiskPoolAndShareAsAMount() throws Exception {
        Proposal p = Proposal.of(storage());

        assertThat(String.join("\n", p.yaml(List.of("name: storage", "address: 192.0.2.12"), 2)) + "\n").isEqualTo("""
                  - name: storage
                    address: 192.0.2.12
                    sudo: true
                    tags: [snapraid]
                    expect:
                      mounts:
                        - {path: /mnt/backup, fstype: cifs}
                        - {path: /mnt/disk1, fstype: ext4}
                        - {path: /mnt/disk2, fstype: ext4}
                        - {path: /mnt/disk3, fstype: ext4}
                        - {path: /mnt/export, fstype: nfs4}
                        - {path: /mnt/parity1, fstype: ext4}
                        - {path: /mnt/storage, fstype: fuse.mergerfs}
                      disks: [/dev/sda, /dev/sdb]
                """);
        assertThat(p.found()).contains(
                "SnapRAID: /etc/snapraid.conf with 3 data disk(s) (d1 /mnt/disk1/, d2 /mnt/disk2/, d3 /mnt/disk3/), 1 parity file(s), "
                        + "content files /var/snapraid/snapraid.content, /mnt/disk1/.snapraid.content",
                "sudo -n: smartctl allowed, snapraid allowed");
    }

    @Test
    void aDockerHostWithZfsAndSudoRefused_saysWhichToolSudoRefuses() {
        Discovered d = new Discovered(false, true, List.of("rpool", "tank"), Optional.empty(), List.of(), List.of(), List.of("/dev/nvme0"),
                true, List.of("grafana", "prometheus"), true, true, false, true,
                Map.of("docker", false, "zpool", true, "k3s", true, "smartctl", true),
                List.of("sudo -n does not allow docker: add it to /etc/sudoers.d/caretaker, or checks that need root will fail"));

        Proposal p = Proposal.of(d);

        assertThat(p.tags()).containsExactly("docker", "k3s", "k3s-server", "monitoring", "zfs");
        assertThat(p.yaml(List.of("name: pve"), 0)).containsExactly(
                "- name: pve", "  sudo: true", "  tags: [docker, k3s, k3s-server, monitoring, zfs]", "  expect:",
                "    pools: [rpool, tank]", "    disks: [/dev/nvme0]", "    containers: [grafana, prometheus]");
        assertThat(p.notes()).containsExactly(
                "sudo -n does not allow docker: add it to /etc/sudoers.d/caretaker, or checks that need root will fail");
    }

    @Test
    void aVmWithoutSystemdOrDisks_isTaggedSoThoseChecksDoNotGuess() {
        Discovered d = new Discovered(true, false, List.of(), Optional.of(SnapraidConf.parse("data d1 /srv/d1/\nparity /srv/p/x.parity\n")),
                List.of(), List.of(), List.of(), false, List.of(), false, false, false, false, Map.of("snapraid", true), List.of());

        assertThat(Proposal.of(d).tags()).containsExactly("no-smart", "no-systemd", "snapraid");
        assertThat(Proposal.of(d).sudo()).isFalse();
    }

    @Test
    void changesSinceTheEntry_listWhatCameAndWhatWent() throws Exception {
        HostConfig configured = new HostConfig("storage", true, "", 22, "", Optional.empty(), Optional.empty(), true,
                Set.of("snapraid", "docker"), new Expectations(
                List.of(new MountExpectation("/mnt/storage", "fuse.mergerfs"), new MountExpectation("/mnt/media", "cifs")),
                List.of(), List.of("/dev/sda", "/dev/sdb"), List.of("jellyfin"), List.of(), Optional.empty()), Map.of());

        assertThat(Proposal.of(storage()).changesSince(configured)).containsExactly(
                "- tag docker (in the configuration, not found now)",
                "+ mount /mnt/backup (found now, not in the configuration)",
                "+ mount /mnt/disk1 (found now, not in the configuration)",
                "+ mount /mnt/disk2 (found now, not in the configuration)",
                "+ mount /mnt/disk3 (found now, not in the configuration)",
                "+ mount /mnt/export (found now, not in the configuration)",
                "+ mount /mnt/parity1 (found now, not in the configuration)",
                "- mount /mnt/media (in the configuration, not found now)",
                "- container jellyfin (in the configuration, not found now)");
    }
}
