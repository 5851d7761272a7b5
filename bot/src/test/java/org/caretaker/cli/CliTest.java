package org.caretaker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.caretaker.cli.CliRun.cli;

class CliTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String FULL_DF = "src/test/resources/fixtures/captured/df-PT-loop-ext4-100pct-full.txt";

    @TempDir
    Path dir;

    @Test
    void inspect_printsFindingsAndExitsWithTheNagiosCode() {
        CliRun r = cli("inspect", "df", FULL_DF);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("""
                -
                  OK          disk-usage  /             / is 22% full
                  CRIT        disk-usage  /mnt/ct-full  /mnt/ct-full is 100% full (critical at 95%)

                1 OK, 0 WARN, 1 CRIT, 0 UNKNOWN, 0 UNREACHABLE; worst: CRIT
                """);
    }

    @Test
    void inspectJson_hasTheDocumentedShape() {
        CliRun r = cli("inspect", "df", FULL_DF, "--json");

        assertThat(r.out()).contains(String.join("\n",
                "    \"check\" : \"disk-usage\",",
                "    \"host\" : \"-\",",
                "    \"subject\" : \"/mnt/ct-full\",",
                "    \"severity\" : \"CRIT\",",
                "    \"message\" : \"/mnt/ct-full is 100% full (critical at 95%)\",",
                "    \"metrics\" : {",
                "      \"used_percent\" : 100,",
                "      \"total\" : 19109,",
                "      \"used\" : 18447",
                "    },",
                "    \"runbook\" : \"runbook/disks#disk-full\""));
        assertThat(r.out()).startsWith("{\n  \"findings\" : [ {");
    }

    @Test
    void inspectGarbage_isUnknownExit3() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "<html>502 Bad Gateway</html>\n");

        CliRun r = cli("inspect", "df", junk.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("UNKNOWN     disk-usage  -        no df line (a filesystem, its size, used, available, use% and mount point): \"<html>502 Bad Gateway</html>\"");
    }

    @Test
    void inspectList_namesEveryParser() {
        CliRun r = cli("inspect", "--list");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("df ").contains("df-inodes ");
    }

    @Test
    void unknownParser_isAUsageError() {
        CliRun r = cli("inspect", "dff", FULL_DF);

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("caretaker inspect: unknown parser 'dff'; known: df, df-inodes");
    }

    @Test
    void checkAll_onTheEmbeddedDefault_judgesThisMachine() {
        CliRun r = cli("check", "disk-usage", "--config", REPO.resolve("examples/local.yaml").toString());

        assertThat(r.out()).startsWith("this-machine\n  OK          reachability  -  ");
        assertThat(r.out()).containsPattern("disk-usage +/ +/ is \\d+% full");
    }

    @Test
    void aCheckThatAppliesToNoSelectedHost_isNotChecked_withExitCodeUnknown() {
        CliRun r = cli("check", "smart", "--host", "this-machine", "--config", REPO.resolve("examples/local.yaml").toString());

        assertThat(r.exit()).as("nothing checked is UNKNOWN, never OK").isEqualTo(3);
        assertThat(r.out()).contains("UNKNOWN").contains("smart").contains("not checked: smart does not apply to this-machine:"
                + " it runs on hosts tagged smart, proxmox, zfs or snapraid, or with expect.disks");
    }

    @Test
    void badConfiguration_listsEveryProblemAndRunsNothing() throws Exception {
        Path cfg = Files.writeString(dir.resolve("bad.yaml"), "hosts:\n  - name: a\n    port: x\n  - local: true\n");

        CliRun r = cli("check", "all", "--config", cfg.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("caretaker: the configuration is not usable; nothing was started:\n"
                + "  " + cfg + ": hosts[0].address: is required\n"
                + "  " + cfg + ": hosts[0].port: must be a whole number, found 'x'\n"
                + "  " + cfg + ": hosts[0].user: is required\n"
                + "  " + cfg + ": hosts[0].key: is required for an SSH host (a private key file)\n"
                + "  " + cfg + ": hosts[0].known-hosts: is required for an SSH host: host keys are always verified\n"
                + "  " + cfg + ": hosts[1].name: is required\n");
    }

    @Test
    void aCheckTurnedOffOnAHost_isNotRun_andHostsShowsItOff() throws Exception {
        Path cfg = Files.writeString(dir.resolve("lab.yaml"), """
                hosts:
                  - name: alpine
                    local: true
                    checks: {skip: [failed-units]}
                store: { data-dir: data }
                """);

        CliRun hosts = cli("hosts", "--config", cfg.toString());
        assertThat(hosts.out()).contains("  off:    failed-units (checks.skip)\n");
        assertThat(hosts.out()).doesNotContainPattern("checks: .*failed-units");

        CliRun all = cli("check", "all", "--config", cfg.toString());
        assertThat(all.out()).doesNotContain("failed-units").contains("disk-usage");

        CliRun one = cli("check", "failed-units", "--config", cfg.toString());
        assertThat(one.exit()).isEqualTo(3);
        assertThat(one.out()).contains("not checked: failed-units is turned off on alpine (checks.skip)");
    }

    @Test
    void hosts_listsTargetsTagsAndApplicableChecks() {
        CliRun r = cli("hosts", "--config", REPO.resolve("examples/local.yaml").toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("this-machine\n  target: local\n  tags:   -\n  checks: ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"check", "inspect", "hosts"}) {
            CliRun r = cli(c, "--help");
            assertThat(r.exit()).as(c).isZero();
            assertThat(r.out()).as(c).startsWith("Usage: caretaker " + c);
        }
    }
}
