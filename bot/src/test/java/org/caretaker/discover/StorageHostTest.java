package org.caretaker.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.cli.CliRun;
import org.caretaker.exec.TestSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

/**
 * From an empty directory to a configuration that looks after the storage VM: {@code caretaker init}, then
 * {@code caretaker hosts add} over a real SSH server whose commands run on a host shaped like the storage VM
 * ({@link StorageVm}), then {@code caretaker check all} on what was written.
 */
class StorageHostTest {
    private static final Pattern FINGERPRINT = Pattern.compile("--trust (SHA256:[A-Za-z0-9+/]{43})");

    @TempDir
    static Path dir;
    private static StorageVm vm;
    private static TestSshServer sshd;

    @BeforeAll
    static void start() throws Exception {
        Path hostDir = Files.createDirectories(dir.resolve("host"));
        vm = StorageVm.start(hostDir);
        sshd = new TestSshServer(hostDir, "ed25519", vm.wrap());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void initThenHostsAdd_giveAConfigurationWhoseCheckAllHasNoUnknown() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Path config = lab.resolve("caretaker.yaml");
        assertThat(cli("init", lab.toString(), "--without-local").exit()).isZero();
        Files.copy(sshd.clientKey(), lab.resolve("keys/caretaker_ed25519"));
        String port = Integer.toString(sshd.port());

        // Off a terminal nobody can say yes: the key is shown and refused, and nothing is written.
        CliRun refused = cli("hosts", "add", "storage", "127.0.0.1", "--port", port, "--user", "root", "--config", config.toString());
        assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
        assertThat(refused.out()).containsPattern("host key of 127.0.0.1:" + port + ": ecdsa-sha2-nistp\\d+ SHA256:");
        assertThat(lab.resolve("keys/known_hosts")).doesNotExist();
        Matcher m = FINGERPRINT.matcher(refused.err());
        assertThat(m.find()).as(refused.err()).isTrue();

        CliRun added = cli("hosts", "add", "storage", "127.0.0.1", "--port", port, "--user", "root", "--trust", m.group(1), "--yes",
                "--config", config.toString());

        assertThat(added.exit()).as(added.out() + added.err()).isZero();
        assertThat(added.out()).contains("\n-hosts: []\n+hosts:\n+  - name: storage\n",
                "\n+    tags: [no-smart, no-systemd, snapraid]\n");
        assertThat(Files.readString(config)).endsWith("""
                hosts:
                  - name: storage
                    address: 127.0.0.1
                    port: %s
                    user: root
                    key: keys/caretaker_ed25519
                    known-hosts: keys/known_hosts
                    tags: [no-smart, no-systemd, snapraid]
                    expect:
                      mounts:
                        - {path: /mnt/nas, fstype: cifs}
                        - {path: /srv/disk1, fstype: tmpfs}
                        - {path: /srv/disk2, fstype: tmpfs}
                        - {path: /srv/parity1, fstype: tmpfs}
                        - {path: /srv/storage, fstype: fuse.mergerfs}
                """.formatted(port)
                + Files.readString(config).substring(Files.readString(config).indexOf("\nschedules:")));
        assertThat(Files.readString(lab.resolve("keys/known_hosts"))).startsWith("[127.0.0.1]:" + port + " ecdsa-sha2-nistp");

        CliRun unchanged = cli("hosts", "check", "storage", "--config", config.toString());
        assertThat(unchanged.exit()).as(unchanged.err()).isZero();
        assertThat(unchanged.out()).isEqualTo("storage: nothing changed since its entry was written\n");

        CliRun check = cli("check", "all", "--config", config.toString(), "--json");
        JsonNode findings = new ObjectMapper().readTree(check.out()).get("findings");
        List<String> unknown = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        for (JsonNode f : findings) {
            checks.add(f.get("check").asText());
            if (f.get("severity").asText().equals("UNKNOWN")) {
                unknown.add(f.toString());
            }
        }
        assertThat(unknown).as(check.out()).isEmpty();
        assertThat(checks).contains("snapraid", "mounts", "disk-usage").doesNotContain("smart", "failed-units");

        // The share leaves fstab: hosts check says so and changes nothing.
        Path fstab = dir.resolve("host/etc/fstab");
        Files.writeString(fstab, StorageVm.FSTAB.replaceAll("(?m)^//nas.*\n", ""));
        String written = Files.readString(config);
        CliRun changed = cli("hosts", "check", "storage", "--config", config.toString());
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.out()).isEqualTo("""
                storage: 1 change(s) since its entry was written (nothing was changed):
                  - mount /mnt/nas (in the configuration, not found now)
                """);
        assertThat(Files.readString(config)).isEqualTo(written);
    }

    @Test
    void aHostKeyThatChangesAfterHostsAdd_isRefusedAtTheFirstRun() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("changed"));
        Path config = lab.resolve("caretaker.yaml");
        cli("init", lab.toString(), "--without-local");
        try (TestSshServer host = new TestSshServer(Files.createDirectories(dir.resolve("changed-host")))) {
            Files.copy(host.clientKey(), lab.resolve("keys/caretaker_ed25519"));
            String port = Integer.toString(host.port());
            Matcher m = FINGERPRINT.matcher(cli("hosts", "add", "nas", "127.0.0.1", "--port", port, "--user", "root",
                    "--config", config.toString()).err());
            assertThat(m.find()).isTrue();
            assertThat(cli("hosts", "add", "nas", "127.0.0.1", "--port", port, "--user", "root", "--trust", m.group(1), "--yes",
                    "--config", config.toString()).exit()).isZero();

            host.restartWithNewHostKey();
            CliRun check = cli("check", "all", "--config", config.toString(), "--json");

            assertThat(check.exit()).isEqualTo(2);
            JsonNode first = new ObjectMapper().readTree(check.out()).get("findings").get(0);
            assertThat(first.get("severity").asText()).isEqualTo("UNREACHABLE");
            assertThat(first.get("message").asText()).contains("host key of root@127.0.0.1:" + port + " has CHANGED");
        }
    }
}
