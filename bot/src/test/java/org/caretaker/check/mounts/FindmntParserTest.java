package org.caretaker.check.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.read;

import java.util.List;
import java.util.Map;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class FindmntParserTest {

    @Test
    void jsonTree_jsonList_andRawList_sayTheSame() throws Exception {
        List<MountEntry> tree = FindmntParser.parse(read("captured/findmnt-J-bind-mount-with-space.json"));
        List<MountEntry> list = FindmntParser.parse(read("captured/findmnt-Jl-bind-mount-with-space.json"));
        List<MountEntry> raw = FindmntParser.parse(read("captured/findmnt-r-bind-mount-with-space.txt"));

        assertThat(list).containsExactlyInAnyOrderElementsOf(tree);
        assertThat(raw).containsExactlyInAnyOrderElementsOf(tree);
        assertThat(tree).contains(
                new MountEntry("/mnt/my media", "/dev/loop1[/media]", "ext4", "rw,relatime"),
                new MountEntry("/mnt/storage", "mergerfs", "fuse.mergerfs",
                        "rw,nosuid,nodev,relatime,user_id=0,group_id=0,default_permissions,allow_other"));
    }

    @Test
    void jsonTree_listsParentsBeforeTheMountsOnTopOfThem() throws Exception {
        List<MountEntry> entries = FindmntParser.parse(read("captured/findmnt-J-autofs-direct.json"));

        assertThat(entries).filteredOn(e -> e.target().equals("/mnt/nas"))
                .extracting(MountEntry::fstype).containsExactly("autofs", "ext4");
        assertThat(MountsEvaluation.topAt(entries, "/mnt/nas").source()).isEqualTo("/dev/loop5");
        assertThat(entries.get(0).target()).isEqualTo("/");
    }

    @Test
    void rawEscapes_areDecodedAsUtf8Bytes() {
        // Synthetic: findmnt -r under LC_ALL=C escapes a space and each byte of a non-ASCII letter.
        assertThat(FindmntParser.unescape("/mnt/caf\\xc3\\xa9\\x20bar")).isEqualTo("/mnt/café bar");
        assertThat(FindmntParser.unescape("/mnt/a\\x2")).isEqualTo("/mnt/a\\x2");
    }

    @Test
    void emptyColumn_inRawList_isAnEmptyValue() throws Exception {
        // Synthetic: a mount without a source prints as two spaces in a row in raw mode.
        assertThat(FindmntParser.parse("/sys/fs/cgroup  tmpfs rw\n"))
                .containsExactly(new MountEntry("/sys/fs/cgroup", "", "tmpfs", "rw"));
    }

    @Test
    void garbage_isUnparseable_neverAnythingElse() {
        for (String text : List.of("", "   \n", "findmnt: unrecognized option '--json'", "{", "{\"filesystems\": 3}",
                "{\"filesystems\": [{\"source\": \"x\"}]}", "{\"filesystems\": [7]}", "{\"filesystems\": []}",
                "[1,2]", "null", "/only two", "relative path x y", "{" + "\"filesystems\":[{\"children\":[".repeat(900))) {
            assertThatThrownBy(() -> FindmntParser.parse(text)).as(text).isInstanceOf(UnparseableOutputException.class);
        }
    }

    @Test
    void probeLines_areKeyedByPath() throws Exception {
        Map<String, MountProbe> probes = MountProbeParser.parse(read("captured/mount-probe-mergerfs-stopped.txt"));

        assertThat(probes).hasSize(5);
        assertThat(probes.get("/mnt/storage")).isEqualTo(new MountProbe("/mnt/storage", 124, 5081, ""));
        assertThat(probes.get("/mnt/storage").timedOut()).isTrue();
        assertThat(probes.get("/mnt/disk1")).isEqualTo(new MountProbe("/mnt/disk1", 0, 158, "ext2/ext3"));
    }

    @Test
    void probeError_reasonDropsStatsPreamble() throws Exception {
        MountProbe p = MountProbeParser.parse(read("captured/mount-probe-mergerfs-killed.txt")).get("/mnt/storage");

        assertThat(p.reason()).isEqualTo("Transport endpoint is not connected");
    }

    @Test
    void probeWithoutMillis_isAcceptedAsUnknownDuration() throws Exception {
        // Synthetic: a host whose date cannot print nanoseconds makes the script print "-".
        assertThat(MountProbeParser.parse("probe\t/mnt/a b\t0\t-\tnfs\n"))
                .containsEntry("/mnt/a b", new MountProbe("/mnt/a b", 0, -1, "nfs"));
    }

    @Test
    void probeGarbage_isUnparseable() {
        for (String text : List.of("hello", "probe\t/x\t0\t5", "probe\trelative\t0\t5\tx", "probe\t/x\tzero\t5\tx",
                "probe\t/x\t0\t99999999999999999999\tx", "Welcome to nas!\nprobe\t/x\t0\t5\text4")) {
            assertThatThrownBy(() -> MountProbeParser.parse(text)).as(text).isInstanceOf(UnparseableOutputException.class);
        }
    }
}
