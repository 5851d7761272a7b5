package org.caretaker.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One host Caretaker looks after.
 *
 * @param name        the name used everywhere (findings, chat, the site)
 * @param local       true: commands run on this machine through the local executor, no SSH
 * @param address     DNS name or IP address (ignored when local)
 * @param port        SSH port
 * @param user        SSH login
 * @param key         private key file (OpenSSH format; ed25519 or RSA)
 * @param knownHosts  known_hosts file holding this host's key; an unknown or changed key is refused
 * @param sudo        run commands that need root under {@code sudo -n}
 * @param tags        roles of the host: proxmox, zfs, snapraid, docker, k3s, k3s-server, monitoring, smart…
 * @param expect      what must be true on this host
 * @param thresholds  per-host threshold overrides: check id → name → value
 * @param skip        checks turned off on this host ({@code checks.skip}, its own and the lab-wide ones)
 */
public record HostConfig(
        String name,
        boolean local,
        String address,
        int port,
        String user,
        Optional<Path> key,
        Optional<Path> knownHosts,
        boolean sudo,
        Set<String> tags,
        Expectations expect,
        Map<String, Map<String, Double>> thresholds,
        Set<String> skip) {

    public HostConfig(String name, boolean local, String address, int port, String user, Optional<Path> key,
                      Optional<Path> knownHosts, boolean sudo, Set<String> tags, Expectations expect,
                      Map<String, Map<String, Double>> thresholds) {
        this(name, local, address, port, user, key, knownHosts, sudo, tags, expect, thresholds, Set.of());
    }

    /** Whether {@code checks.skip} turned this check off here. */
    public boolean skips(String check) {
        return skip.contains(check);
    }

    public HostConfig {
        skip = Set.copyOf(skip);
        tags = Set.copyOf(tags);
        thresholds = Map.copyOf(thresholds);
        Rules r = new Rules()
                .require(Args.isName(name), "name", "must be a plain name (letters, digits, . _ -), found '" + name + "'")
                .require(port >= 1 && port <= 65535, "port", "must be between 1 and 65535, found " + port);
        if (!local) {
            r.require(address != null && address.matches("[A-Za-z0-9][A-Za-z0-9.:-]*"), "address",
                            "must be a host name or IP address, found '" + address + "'")
                    .require(user != null && user.matches("[a-z_][a-z0-9_.-]*[$]?"), "user", "must be a login name, found '" + user + "'")
                    .require(key.isPresent(), "key", "is required for an SSH host (a private key file)")
                    .require(knownHosts.isPresent(), "known-hosts", "is required for an SSH host: host keys are always verified");
        }
        for (String t : tags) {
            r.require(t.matches("[a-z0-9][a-z0-9-]*"), "tags", "tag '" + t + "' must be lower-case letters, digits and '-'");
        }
        r.check();
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** Where to connect, for messages: {@code user@address:port} or {@code local}. */
    public String target() {
        return local ? "local" : user + "@" + address + ":" + port;
    }
}
