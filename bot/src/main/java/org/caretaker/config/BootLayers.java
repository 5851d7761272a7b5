package org.caretaker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layered boot order ({@code runbook/boot-order#layers}) as checks: layer 0 hypervisor and network, 1
 * storage, 2 compute, 3 services, 4 monitoring. {@code /validate} runs them in that order and stops at the
 * first layer that fails, because everything above a failed layer fails for the same reason.
 *
 * <pre>{@code
 * validate:
 *   layers:
 *     - name: hypervisor
 *       checks: [reachability, proxmox]
 *     - name: storage
 *       checks: [mounts, zfs-pools, snapraid]
 * }</pre>
 *
 * The list index is the layer number. {@code reachability} is the runner's own connection test.
 */
public record BootLayers(List<Layer> layers) {
    public static final int MAX_LAYERS = 5;
    /** The engine's connection test, a pseudo-check every host gets (the same id as {@code CheckRunner.REACHABILITY}). */
    public static final String REACHABILITY = "reachability";
    static final List<String> NAMES = List.of("hypervisor", "storage", "compute", "services", "monitoring");
    static final List<String> RUNBOOK = List.of("runbook/boot-order#layer-0-hypervisor", "runbook/boot-order#layer-1-storage",
            "runbook/boot-order#layer-2-compute", "runbook/boot-order#layer-3-services", "runbook/boot-order#layer-4-monitoring");

    public BootLayers {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("boot validation has 1 to " + MAX_LAYERS + " layers, found " + layers.size());
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).number() != i) {
                throw new IllegalArgumentException("layer " + layers.get(i).number() + " is at position " + i);
            }
        }
    }

    /**
     * One layer.
     *
     * @param number 0..4, its place in the boot order
     * @param name   what it stands for: hypervisor, storage, …
     * @param checks check ids run for it, on every host they apply to
     */
    public record Layer(int number, String name, List<String> checks) {
        public Layer {
            Objects.requireNonNull(name, "name");
            checks = List.copyOf(checks);
            if (number < 0 || number >= MAX_LAYERS) {
                throw new IllegalArgumentException("a layer number is 0 to " + (MAX_LAYERS - 1) + ", found " + number);
            }
            if (checks.isEmpty()) {
                throw new IllegalArgumentException("layer " + number + " (" + name + ") has no checks");
            }
        }

        /** The runbook section of this layer, e.g. {@code runbook/boot-order#layer-1-storage}. */
        public String runbook() {
            return RUNBOOK.get(number);
        }
    }

    /** What validation runs when the configuration has no {@code validate:} section. */
    public static BootLayers defaults() {
        return new BootLayers(List.of(
                new Layer(0, "hypervisor", List.of(REACHABILITY)),
                new Layer(1, "storage", List.of("mounts", "zfs-pools", "snapraid")),
                new Layer(2, "compute", List.of("containers", "k8s-pods")),
                new Layer(3, "services", List.of("http-endpoints")),
                new Layer(4, "monitoring", List.of("prometheus-targets"))));
    }

    /**
     * Reads the {@code validate:} section; a missing section gives {@link #defaults()}. Every problem is reported
     * to the node's {@link org.caretaker.config.Problems} with its path, and what is usable is kept.
     *
     * @param knownChecks the catalogue's check ids; {@code reachability} is always known
     */
    public static BootLayers read(YamlNode node, Set<String> knownChecks) {
        if (node.isMissing() || !node.requireObject()) {
            return defaults();
        }
        Set<String> known = new TreeSet<>(knownChecks);
        known.add(REACHABILITY);
        List<YamlNode> items = node.list("layers");
        node.rejectUnknownKeys();
        if (items.isEmpty()) {
            node.get("layers").problem("is required: a list of 1 to " + MAX_LAYERS + " layers, layer 0 first");
            return defaults();
        }
        if (items.size() > MAX_LAYERS) {
            node.get("layers").problem("has " + items.size() + " layers; at most " + MAX_LAYERS + " (0 hypervisor to 4 monitoring)");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < Math.min(items.size(), MAX_LAYERS); i++) {
            YamlNode item = items.get(i);
            if (!item.requireObject()) {
                if (item.isMissing()) {
                    item.problem("must be a mapping with name and checks");
                }
                continue;
            }
            String name = item.string("name", NAMES.get(i));
            List<YamlNode> checkNodes = item.list("checks");
            item.rejectUnknownKeys();
            List<String> checks = new ArrayList<>();
            for (YamlNode c : checkNodes) {
                String id = c.asString(null);
                if (id == null) {
                    continue;
                }
                if (!known.contains(id)) {
                    c.problem("unknown check '" + id + "'; known: " + String.join(", ", known));
                } else if (checks.contains(id)) {
                    c.problem("check '" + id + "' is listed twice in this layer");
                } else {
                    checks.add(id);
                }
            }
            if (checkNodes.isEmpty()) {
                item.get("checks").problem("is required: the check ids of layer " + i + " (" + name + ")");
            } else if (!checks.isEmpty()) {
                layers.add(new Layer(layers.size(), name, checks));
            }
        }
        return layers.size() == Math.min(items.size(), MAX_LAYERS) ? new BootLayers(layers) : defaults();
    }
}
