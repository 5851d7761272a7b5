package org.caretaker.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What should be true on a host, beyond the generic checks: the mounts that must be there, the ZFS pools,
 * the disks to watch, the containers that must run, the HTTP endpoints to probe, and where Prometheus
 * listens on a monitoring host.
 */
public record Expectations(
        List<MountExpectation> mounts,
        List<String> pools,
        List<String> disks,
        List<String> containers,
        List<EndpointExpectation> endpoints,
        Optional<URI> prometheus) {

    public static final Expectations NONE =
            new Expectations(List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty());

    public Expectations {
        mounts = List.copyOf(mounts);
        pools = List.copyOf(pools);
        disks = List.copyOf(disks);
        containers = List.copyOf(containers);
        endpoints = List.copyOf(endpoints);
        Rules r = new Rules();
        for (int i = 0; i < pools.size(); i++) {
            r.require(Args.isName(pools.get(i)), "pools[" + i + "]", "must be a pool name, found '" + pools.get(i) + "'");
        }
        for (int i = 0; i < disks.size(); i++) {
            r.require(Args.isDevice(disks.get(i)), "disks[" + i + "]", "must be a device path such as /dev/sda or /dev/disk/by-id/..., found '" + disks.get(i) + "'");
        }
        for (int i = 0; i < containers.size(); i++) {
            r.require(Args.isName(containers.get(i)), "containers[" + i + "]", "must be a container name, found '" + containers.get(i) + "'");
        }
        r.require(prometheus.map(u -> "http".equals(u.getScheme()) || "https".equals(u.getScheme())).orElse(true),
                "prometheus", "must be an http:// or https:// URL");
        r.check();
    }
}
