package org.caretaker.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every check Caretaker knows, in the order reports list them. Adding a check means one line in
 * {@link #standard()}. Ids of checks and of inspectors must be unique; a duplicate fails at start-up.
 */
public final class Catalogue {
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Map<String, Inspector> inspectors = new LinkedHashMap<>();

    public Catalogue(List<Check> list) {
        for (Check c : list) {
            if (checks.putIfAbsent(c.id(), c) != null) {
                throw new IllegalStateException("two checks are called " + c.id());
            }
            for (Inspector i : c.inspectors()) {
                if (inspectors.putIfAbsent(i.id(), i) != null) {
                    throw new IllegalStateException("two parsers are called " + i.id());
                }
            }
        }
    }

    /** The daily-sanity catalogue and everything else Caretaker ships. */
    public static Catalogue standard() {
        List<Check> list = new ArrayList<>();
        list.add(new org.caretaker.check.disk.DiskUsageCheck());
        list.add(new org.caretaker.check.disk.InodeUsageCheck());
        list.add(new org.caretaker.check.memory.MemoryCheck());
        list.add(new org.caretaker.check.load.LoadCheck());
        list.add(new org.caretaker.check.systemd.FailedUnitsCheck());
        list.add(new org.caretaker.check.sysctl.FreezeHardeningCheck());
        list.add(new org.caretaker.check.kernel.KernelErrorsCheck());
        list.add(new org.caretaker.check.mounts.MountsCheck());
        list.add(new org.caretaker.check.http.HttpEndpointsCheck());
        list.add(new org.caretaker.check.docker.ContainersCheck());
        list.add(new org.caretaker.check.k8s.K8sPodsCheck());
        list.add(new org.caretaker.check.prometheus.PrometheusTargetsCheck());
        list.add(new org.caretaker.check.proxmox.ProxmoxCheck());
        list.add(new org.caretaker.check.zfs.ZfsPoolsCheck());
        list.add(new org.caretaker.check.smart.SmartCheck());
        list.add(new org.caretaker.check.snapraid.SnapraidCheck());
        return new Catalogue(list);
    }

    /** Every check id, in catalogue order. */
    public java.util.Set<String> checkIds() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(checks.keySet()));
    }

    public List<Check> checks() {
        return List.copyOf(checks.values());
    }

    public Optional<Check> check(String id) {
        return Optional.ofNullable(checks.get(id));
    }

    public List<Inspector> inspectors() {
        return List.copyOf(inspectors.values());
    }

    public Optional<Inspector> inspector(String id) {
        return Optional.ofNullable(inspectors.get(id));
    }

    /** Check id → threshold names, for validating the configuration. */
    public Map<String, Set<String>> thresholdNames() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Check c : checks.values()) {
            if (!c.thresholdDefaults().isEmpty()) {
                out.put(c.id(), Set.copyOf(c.thresholdDefaults().keySet()));
            }
        }
        return out;
    }
}
