package org.caretaker.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SnapRAID array for tests: three data disks and one parity disk, each a small ext4 image on its own loop
 * device (SnapRAID refuses two data disks on one filesystem), with the {@code /dev/disk/by-uuid} links udev would
 * make, so that SnapRAID follows moves by inode. Needs root, {@code losetup}, {@code mkfs.ext4} and
 * {@code snapraid}; {@link #create} skips the test with the reason when any is missing.
 */
final class LoopArray implements AutoCloseable {
    static final List<String> DATA = List.of("d1", "d2", "d3");
    private static final int IMAGE_MB = 48;

    private final Path dir;
    private final Map<String, String> loops = new LinkedHashMap<>();
    private final List<Path> links = new ArrayList<>();

    private LoopArray(Path dir) {
        this.dir = dir;
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: loop devices and mounts (the snapraid-array suite runs as root in CI)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/snapraid")),
                "needs snapraid (apt-get install snapraid); .ci/snapraid-array.sh installs it");
    }

    static LoopArray create(Path dir) throws Exception {
        assumeAvailable();
        LoopArray a = new LoopArray(dir);
        try {
            for (String d : List.of("d1", "d2", "d3", "p1")) {
                Path img = dir.resolve(d + ".img");
                sh("truncate", "-s", IMAGE_MB + "M", img.toString());
                Result r = run("losetup", "-f", "--show", img.toString());
                Assumptions.assumeTrue(r.exit == 0, "losetup failed, no loop device can be made here: " + r.out.strip());
                String loop = r.out.strip();
                a.loops.put(d, loop);
                sh("mkfs.ext4", "-q", "-F", loop);
                Files.createDirectories(a.mount(d));
                sh("mount", loop, a.mount(d).toString());
                String uuid = sh("blkid", "-s", "UUID", "-o", "value", loop).strip();
                Path byUuid = Path.of("/dev/disk/by-uuid");
                Files.createDirectories(byUuid);
                Path link = byUuid.resolve(uuid);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of("../..", Path.of(loop).getFileName().toString()));
                a.links.add(link);
            }
            Files.createDirectories(dir.resolve("content"));
            Files.writeString(a.config(), String.join("\n",
                    "parity " + a.mount("p1").resolve("snapraid.parity"),
                    "content " + dir.resolve("content/snapraid.content"),
                    "content " + a.mount("d1").resolve("snapraid.content"),
                    "data d1 " + a.mount("d1") + "/",
                    "data d2 " + a.mount("d2") + "/",
                    "data d3 " + a.mount("d3") + "/",
                    "exclude /lost+found/", ""));
        } catch (Exception | Error e) {
            a.close();
            throw e;
        }
        return a;
    }

    Path config() {
        return dir.resolve("snapraid.conf");
    }

    Path mount(String disk) {
        return dir.resolve("mnt").resolve(disk);
    }

    /** The loop device of a disk, e.g. {@code /dev/loop2}. */
    String loop(String disk) {
        return loops.get(disk);
    }

    /** Writes {@code count} files of random bytes (1–64 KiB) into {@code disk/folder}. */
    void fill(String disk, String folder, int count, long seed) throws IOException {
        Random random = new Random(seed);
        Path d = mount(disk).resolve(folder);
        Files.createDirectories(d);
        for (int i = 1; i <= count; i++) {
            byte[] b = new byte[1024 + random.nextInt(63 * 1024)];
            random.nextBytes(b);
            Files.write(d.resolve("file_" + i + ".bin"), b);
        }
    }

    /** Changes bytes in place and puts the modification time back: what bit rot looks like to SnapRAID. */
    void rot(String disk, String file) throws Exception {
        Path p = mount(disk).resolve(file);
        Path ref = dir.resolve("mtime.ref");
        sh("touch", "-r", p.toString(), ref.toString());
        byte[] b = Files.readAllBytes(p);
        for (int i = 10; i < 30 && i < b.length; i++) {
            b[i] = (byte) ~b[i];
        }
        Files.write(p, b);
        sh("touch", "-r", ref.toString(), p.toString());
    }

    void unmount(String disk) throws Exception {
        sh("umount", mount(disk).toString());
    }

    void remount(String disk) throws Exception {
        sh("mount", loops.get(disk), mount(disk).toString());
    }

    /** Runs snapraid on this array directly, the way an admin would. */
    String snapraid(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("snapraid", "-c", config().toString()));
        argv.addAll(List.of(args));
        return run(argv.toArray(String[]::new)).out;
    }

    @Override
    public void close() {
        for (Map.Entry<String, String> e : loops.entrySet()) {
            quiet("umount", mount(e.getKey()).toString());
            quiet("losetup", "-d", e.getValue());
        }
        for (Path l : links) {
            try {
                Files.deleteIfExists(l);
            } catch (IOException ignored) {
                // a link left behind points at a loop device that is gone; harmless
            }
        }
    }

    private record Result(int exit, String out) {
    }

    private static String sh(String... argv) throws Exception {
        Result r = run(argv);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (" + r.exit + "): " + r.out);
        }
        return r.out;
    }

    private static void quiet(String... argv) {
        try {
            run(argv);
        } catch (Exception ignored) {
            // cleanup goes on with the next disk
        }
    }

    private static Result run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
