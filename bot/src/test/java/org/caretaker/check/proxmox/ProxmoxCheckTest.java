package org.caretaker.check.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.exec.Command;
import org.junit.jupiter.api.Test;

class ProxmoxCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final Thresholds DEFAULTS = new Thresholds(ProxmoxCheck.ID, new ProxmoxCheck().thresholdDefaults());

    // Synthetic, shaped like `pvesh get /nodes/<node>/storage --output-format json`: no real output of that
    // endpoint with a permissive licence was found. One entry writes its numbers as strings.
    private static final String STORAGE = """
            [{"storage":"local","type":"dir","content":"iso,vztmpl,backup","active":1,"enabled":1,"shared":0,
              "used":20401897472,"total":100861726720,"avail":75295866880,"used_fraction":0.202},
             {"storage":"local-zfs","type":"zfspool","content":"images,rootdir","active":1,"enabled":1,"shared":0,
              "used":870000000000,"total":956000000000,"avail":86000000000,"used_fraction":0.91},
             {"storage":"nas-backup","type":"nfs","content":"backup","active":0,"enabled":1,"shared":1,
              "used":0,"total":0,"avail":0},
             {"storage":"old-usb","type":"dir","content":"backup","active":0,"enabled":0,"shared":0},
             {"storage":"tank","type":"zfspool","content":"images","active":"1","enabled":"1","used":"960","total":"1000"}]
            """;

    // Synthetic, shaped like `pvesh get /nodes/<node>/tasks --typefilter vzdump --source all --output-format json`:
    // guest 101 OK, guest 102 failed after an earlier success, 103 with warnings, a job still running, 104 only
    // outside the window, one starttime written as a string, one task of another type.
    private static final String TASKS = """
            [{"upid":"UPID:pve1:0000A1B2:0AF00000:6B039010:vzdump:101:root@pam:","node":"pve1","type":"vzdump","id":"101",
              "user":"root@pam","starttime":1795395600,"endtime":1795395900,"status":"OK"},
             {"upid":"UPID:pve1:0000A1B3:0AF00010:6B039268:vzdump:102:root@pam:","node":"pve1","type":"vzdump","id":"102",
              "user":"root@pam","starttime":"1795396200","endtime":1795396320,"status":"job errors"},
             {"upid":"UPID:pve1:0000A1A0:0AE00000:6B0240E8:vzdump:102:root@pam:","node":"pve1","type":"vzdump","id":"102",
              "user":"root@pam","starttime":1795309800,"endtime":1795310100,"status":"OK"},
             {"upid":"UPID:pve1:0000A1B4:0AF00020:6B0394C0:vzdump:103:root@pam:","node":"pve1","type":"vzdump","id":"103",
              "user":"root@pam","starttime":1795396800,"endtime":1795397400,"status":"WARNINGS: 1"},
             {"upid":"UPID:pve1:0000A1B5:0AF00030:6B03B338:vzdump::root@pam:","node":"pve1","type":"vzdump","id":"",
              "user":"root@pam","starttime":1795404600},
             {"upid":"UPID:pve1:0000A100:0AD00000:6AFF9B90:vzdump:104:root@pam:","node":"pve1","type":"vzdump","id":"104",
              "user":"root@pam","starttime":1795136400,"endtime":1795137600,"status":"OK"},
             {"upid":"UPID:pve1:0000A1B6:0AF00040:6B039E20:aptupdate::root@pam:","node":"pve1","type":"aptupdate","id":"",
              "user":"root@pam","starttime":1795399200,"endtime":1795399260,"status":"unexpected status"}]
            """;

    @Test
    void storage_inactiveIsCritical_fullIsJudgedByThresholds() {
        List<Finding> findings = text("pvesh-storage", STORAGE);

        assertThat(findings).extracting(Finding::subject, Finding::severity, Finding::message).containsExactly(
                tuple("local", Severity.OK, "storage local (dir) is 20% full"),
                tuple("local-zfs", Severity.WARN, "storage local-zfs (zfspool) is 91% full (warning at 85%): 810 GiB of 890 GiB used"),
                tuple("nas-backup", Severity.CRIT, "storage nas-backup (nfs) is enabled but not active: Proxmox cannot use it"),
                tuple("old-usb", Severity.OK, "storage old-usb (dir) is disabled"),
                tuple("tank", Severity.CRIT, "storage tank (zfspool) is 96% full (critical at 95%): 960 B of 1000 B used"));
        assertThat(only(findings, "nas-backup").runbook()).isEqualTo("runbook/proxmox#storage-inactive");
        assertThat(only(findings, "local-zfs").runbook()).isEqualTo("runbook/disks#disk-full");
        assertThat(only(findings, "local-zfs").metrics()).containsEntry("used_percent", 91.0)
                .containsEntry("used", 870000000000.0).containsEntry("total", 956000000000.0);
    }

    @Test
    void storage_apiWrapperIsAccepted() {
        assertThat(text("pvesh-storage", "{\"data\":" + STORAGE + "}")).isEqualTo(text("pvesh-storage", STORAGE));
    }

    @Test
    void clusterResources_storageEntriesAreReadPerNode() {
        List<Finding> findings = inspect("pvesh-storage", "public/proxmox/api-cluster-resources-4-nodes-qemu-storage.json");

        assertThat(findings).hasSize(12).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(only(findings, "node2/local-zfs").message()).isEqualTo("storage node2/local-zfs (zfspool) is 3% full");
    }

    @Test
    void backups_latestRunPerGuestDecides() {
        List<Finding> findings = backups(TASKS, NOW);

        assertThat(findings).extracting(Finding::subject, Finding::severity, Finding::message).containsExactly(
                tuple("guest 103", Severity.WARN, "last backup of guest 103 finished with warnings (WARNINGS: 1) 2 h ago"),
                tuple("guest 102", Severity.CRIT, "last backup of guest 102 failed 2 h ago: job errors"),
                tuple("guest 101", Severity.OK, "last backup of guest 101 finished OK 2 h ago"),
                tuple("vzdump", Severity.OK, "the backup job is running since 2026-11-23 03:30 UTC"));
        assertThat(findings).extracting(Finding::runbook).containsOnly("runbook/proxmox#backup-failed");
        assertThat(only(findings, "guest 102").metrics()).containsEntry("hours_since_backup", 2.8);
    }

    @Test
    void noBackupInTheWindow_isWarningNamingTheLastOne() {
        List<Finding> findings = backups(TASKS, Instant.parse("2026-11-26T04:00:00Z"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("-");
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(f.message()).isEqualTo("no backup ran in the last 36 h (the last one started 2026-11-23 03:30 UTC)");
        });
        assertThat(backups("[]", NOW)).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("no backup ran in the last 36 h (no vzdump task in the node's task list)"));
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(Fixtures.inspector("pvesh-storage").inspect("ipcc_send_rec[1] failed: Connection refused\n")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
                    assertThat(f.message()).isEqualTo("not valid storage list JSON: \"ipcc_send_rec[1] failed: Connection refused\"");
                });
        assertThat(Fixtures.inspector("pvesh-tasks").inspect("{\"data\":{\"upid\":\"x\"}}")).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("task list is not a JSON list: \"{\"data\":{\"upid\":\"x\"}}\""));
        assertThat(Fixtures.inspector("pvesh-storage").inspect(TASKS)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("storage list entry has no storage name: "));
    }

    @Test
    void parsers_throwNothingButUnparseableOnOddShapes() {
        List<String> inputs = List.of("null", "{}", "[]", "[null]", "[1]", "{\"data\":null}", "[{\"storage\":{}}]",
                "[{\"storage\":\"s\",\"used\":\"lots\",\"total\":[],\"used_fraction\":\"NaN\",\"active\":{}}]",
                "[{\"id\":\"storage/n/s\",\"type\":\"storage\",\"disk\":-5,\"maxdisk\":0}]",
                "[{\"upid\":\"UPID\",\"starttime\":1e300,\"endtime\":-1e300}]", "[{\"upid\":7,\"starttime\":\"x\"}]",
                "[".repeat(5000), "[] []");
        for (String in : inputs) {
            try {
                StorageParser.parse(in);
            } catch (UnparseableOutputException refused) {
                // refusing is fine; anything else escaping is the bug this test looks for
            }
            try {
                TaskListParser.parse(in);
            } catch (UnparseableOutputException refused) {
                // as above
            }
        }
    }

    @Test
    void run_asksPveshAsRootForTheLocalNode() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new ProxmoxCheck(), ScriptedContext.host("pve1", "proxmox"))
                .answer("uname", "pve1.lab.example\n")
                .answer("/storage", STORAGE)
                .answer("/tasks", TASKS)
                .thresholds(Map.of("storage-warn", 95.0, "storage-crit", 99.0));

        List<Finding> findings = ctx.run();

        assertThat(only(findings, "local-zfs").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "tank").severity()).isEqualTo(Severity.WARN);
        assertThat(only(findings, "guest 102").severity()).isEqualTo(Severity.CRIT);
        assertThat(ctx.asked()).extracting(c -> String.join(" ", c.argv())).containsExactly(
                "uname -n",
                "pvesh get /nodes/pve1/storage --output-format json",
                "pvesh get /nodes/pve1/tasks --typefilter vzdump --limit 50 --source all --output-format json");
        assertThat(ctx.asked()).extracting(Command::root).containsExactly(false, true, true);
    }

    @Test
    void run_pveshFailing_isUnknown() {
        ScriptedContext ctx = new ScriptedContext(new ProxmoxCheck(), ScriptedContext.host("pve1", "proxmox"))
                .answer("uname", "pve1\n")
                .answer("/storage", 255, "", "ipcc_send_rec[1] failed: Connection refused\n");

        assertThatThrownBy(ctx::run).isInstanceOf(UnparseableOutputException.class).hasMessage("pvesh failed with exit code 255");
    }

    @Test
    void run_notAProxmoxNode_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new ProxmoxCheck(), ScriptedContext.host("pve1", "proxmox"))
                .answer("uname", "pve1\n");

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class).hasMessage("pvesh is not installed or not on the PATH");
    }

    @Test
    void bytes_areShortAndBinary() {
        assertThat(ProxmoxCheck.bytes(512)).isEqualTo("512 B");
        assertThat(ProxmoxCheck.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProxmoxCheck.bytes(4.0 * (1L << 40))).isEqualTo("4.0 TiB");
    }

    private static List<Finding> text(String parser, String text) {
        return Fixtures.inspector(parser).inspect(text);
    }

    private static List<Finding> backups(String json, Instant now) {
        Findings f = new Findings(ProxmoxCheck.ID, "pve1");
        try {
            ProxmoxCheck.evaluateBackups(TaskListParser.parse(json), now, DEFAULTS, f);
        } catch (UnparseableOutputException e) {
            throw new AssertionError(e);
        }
        return f.list();
    }
}
