package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsEditTest {
    private static final List<String> ENTRY = List.of(
            "- name: storage",
            "  address: 192.0.2.12",
            "  tags: [snapraid]");

    @Test
    void anEntryGoesAfterTheLastHost_inTheFilesIndentation_keepingEveryComment() {
        String file = """
                # The lab. Keep this comment.
                hosts:
                  # the hypervisor
                  - name: pve            # a trailing comment
                    address: 192.0.2.5
                    tags: [proxmox]

                # Where the jobs live.
                schedules: ../schedules
                """;

        HostsEdit.Edit edit = HostsEdit.append(file, ENTRY);

        assertThat(edit.after()).isEqualTo("""
                # The lab. Keep this comment.
                hosts:
                  # the hypervisor
                  - name: pve            # a trailing comment
                    address: 192.0.2.5
                    tags: [proxmox]
                  - name: storage
                    address: 192.0.2.12
                    tags: [snapraid]

                # Where the jobs live.
                schedules: ../schedules
                """);
        assertThat(edit.diff("caretaker.yaml")).isEqualTo("""
                --- caretaker.yaml
                +++ caretaker.yaml
                @@ -4,6 +4,9 @@
                   - name: pve            # a trailing comment
                     address: 192.0.2.5
                     tags: [proxmox]
                +  - name: storage
                +    address: 192.0.2.12
                +    tags: [snapraid]
                \s
                 # Where the jobs live.
                 schedules: ../schedules
                """);
    }

    @Test
    void itemsAtColumnZero_stayAtColumnZero() {
        String file = "hosts:\n- name: pve\n  local: true\nstore:\n  data-dir: data\n";

        assertThat(HostsEdit.append(file, ENTRY).after()).isEqualTo(
                "hosts:\n- name: pve\n  local: true\n- name: storage\n  address: 192.0.2.12\n  tags: [snapraid]\nstore:\n  data-dir: data\n");
    }

    @Test
    void anEmptyList_becomesAListWithTheEntry_keepingItsComment() {
        String file = "hosts: []   # none yet\nstore:\n  data-dir: data\n";

        HostsEdit.Edit edit = HostsEdit.append(file, ENTRY);

        assertThat(edit.after()).isEqualTo(
                "hosts:  # none yet\n  - name: storage\n    address: 192.0.2.12\n    tags: [snapraid]\nstore:\n  data-dir: data\n");
        assertThat(edit.diff("c.yaml")).isEqualTo("""
                --- c.yaml
                +++ c.yaml
                @@ -1,3 +1,6 @@
                -hosts: []   # none yet
                +hosts:  # none yet
                +  - name: storage
                +    address: 192.0.2.12
                +    tags: [snapraid]
                 store:
                   data-dir: data
                """);
    }

    @Test
    void aFileWithoutHosts_getsAHostsListAtTheEnd() {
        assertThat(HostsEdit.append("# only a comment\nstore:\n  data-dir: data\n", ENTRY).after()).isEqualTo(
                "# only a comment\nstore:\n  data-dir: data\n\nhosts:\n  - name: storage\n    address: 192.0.2.12\n    tags: [snapraid]\n");
    }
}
