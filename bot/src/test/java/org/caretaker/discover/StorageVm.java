package org.caretaker.discover;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A host shaped like the lab's storage VM, made of real parts in a private mount namespace of this machine:
 * three tmpfs "disks", a real MergerFS (FUSE) pool over two of them, a SnapRAID array synced by the real
 * {@code snapraid}, and an {@code /etc} with that {@code snapraid.conf} and an fstab naming the disks, the pool
 * and a CIFS share mounted on demand ({@code x-systemd.automount}). Commands given to {@link #wrap()} see this
 * machine as that host; the rest of the machine is untouched. Tools a storage VM does not have (Docker, ZFS,
 * smartctl, k3s) and systemd are hidden, so what discovery finds does not depend on the machine the test runs
 * on. Needs root, util-linux's {@code unshare}/{@code nsenter}, {@code mergerfs} and {@code snapraid};
 * {@code .ci/discover.sh} installs them and fails when this was skipped.
 */
final class StorageVm implements AutoCloseable {

    static final String FSTAB = """
            # /etc/fstab of the storage VM
            LABEL=disk1      /srv/disk1    ext4  defaults,nofail  0 2
            LABEL=disk2      /srv/disk2    ext4  defaults,nofail  0 2
            LABEL=parity1    /srv/parity1  ext4  defaults,nofail  0 2
            /srv/disk*       /srv/storage  fuse.mergerfs  allow_other,category.create=mfs,minfreespace=20G,fsname=mergerfs  0 0
            //nas.example/media  /mnt/nas  cifs  credentials=/etc/samba/creds,x-systemd.automount,x-systemd.idle-timeout=60,_netdev  0 0
            """;

    static final String SNAPRAID_CONF = """
            # SnapRAID of the storage VM
            parity /srv/parity1/snapraid.parity
            content /srv/disk1/snapraid.content
            content /srv/disk2/snapraid.content
            data d1 /srv/disk1/
            data d2 /srv/disk2/
            exclude *.tmp
            """;

    private static final String SETUP = """
            set -e
            D="$1"
            cp -a /etc "$D/etc"
            cp "$D/fstab" "$D/etc/fstab"
            cp "$D/snapraid.conf" "$D/etc/snapraid.conf"
            mount --bind "$D/etc" /etc
            if [ -d /run/systemd ]; then mount -t tmpfs -o size=1m none /run/systemd; fi
            if [ -d /var/lib/rancher ]; then mount -t tmpfs -o size=1m none /var/lib/rancher; fi
            for tool in docker zpool smartctl pvesh k3s kubectl; do
              for p in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
                if [ -f "$p/$tool" ]; then mount --bind /dev/null "$p/$tool"; fi
              done
            done
            mount -t tmpfs -o size=4m,mode=755 srv /srv
            mount -t tmpfs -o size=4m,mode=755 mnt /mnt
            mkdir -p /srv/disk1 /srv/disk2 /srv/parity1 /srv/storage /mnt/nas
            mount -t tmpfs -o size=64m disk1 /srv/disk1
            mount -t tmpfs -o size=64m disk2 /srv/disk2
            mount -t tmpfs -o size=64m parity1 /srv/parity1
            echo one > /srv/disk1/one.txt
            echo two > /srv/disk2/two.txt
            mergerfs -o allow_other,category.create=mfs,fsname=mergerfs /srv/disk1:/srv/disk2 /srv/storage
            snapraid sync >"$D/sync.log" 2>&1
            """;

    private final Process holder;
    private final Path dir;

    private StorageVm(Process holder, Path dir) {
        this.holder = holder;
        this.dir = dir;
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make mounts in a private mount namespace");
        for (String tool : List.of("/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/mergerfs", "/usr/bin/snapraid")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)),
                    "needs " + tool + " (apt-get install util-linux mergerfs snapraid); .ci/discover.sh installs them");
        }
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse for the MergerFS pool");
    }

    static StorageVm start(Path dir) throws IOException, InterruptedException {
        assumeAvailable();
        Files.writeString(dir.resolve("fstab"), FSTAB);
        Files.writeString(dir.resolve("snapraid.conf"), SNAPRAID_CONF);
        Process holder = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sleep", "infinity")
                .redirectErrorStream(true).start();
        StorageVm vm = new StorageVm(holder, dir);
        try {
            Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
            Path theirs = Path.of("/proc/" + holder.pid() + "/ns/mnt");
            // unshare execs sleep once the namespace is made: until then the pid is still in ours.
            await().atMost(Duration.ofSeconds(10)).until(() -> !holder.isAlive() || !Files.readSymbolicLink(theirs).equals(own));
            if (!holder.isAlive()) {
                throw new IOException("unshare failed: " + new String(holder.getInputStream().readAllBytes()));
            }
            vm.exec(SETUP, dir.toString());
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
        return vm;
    }

    /** The program and arguments that run a command inside this host's namespace. */
    List<String> wrap() {
        return List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "--");
    }

    private void exec(String script, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(wrap());
        argv.addAll(List.of("sh", "-c", script, "setup"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            String sync = Files.exists(dir.resolve("sync.log")) ? Files.readString(dir.resolve("sync.log")) : "";
            throw new IOException("setting up the storage host failed: " + out + sync);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // The MergerFS process lives in the namespace; unmounting ends it, so nothing outlives the test.
            exec("umount /srv/storage || umount -l /srv/storage");
        } catch (IOException e) {
            // The namespace goes with its last process below either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holder.destroy();
        }
    }
}
