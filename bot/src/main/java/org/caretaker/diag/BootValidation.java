package org.caretaker.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.config.BootLayers;
import org.caretaker.config.HostConfig;

/**
 * {@code /validate}: the boot layers run in order with the real {@link CheckRunner}, stopping at the first layer
 * with a CRIT or UNREACHABLE finding, since every layer above it depends on it. WARN and UNKNOWN do not stop
 * validation: they are reported and the next layer runs.
 */
public final class BootValidation {
    private final CheckRunner runner;
    private final Catalogue catalogue;

    public BootValidation(CheckRunner runner, Catalogue catalogue) {
        this.runner = runner;
        this.catalogue = catalogue;
    }

    /**
     * The outcome of one layer.
     *
     * @param findings what its checks found; for layers above 0 without the runner's OK reachability lines
     * @param skipped  no check of the layer applies to any host, so nothing ran
     */
    public record LayerResult(BootLayers.Layer layer, List<Finding> findings, boolean skipped) {
        public LayerResult {
            findings = List.copyOf(findings);
        }

        public boolean failed() {
            return findings.stream().anyMatch(f -> stops(f.severity()));
        }

        public Severity worst() {
            return Severity.worst(findings.stream().map(Finding::severity).toList());
        }
    }

    /**
     * The whole validation.
     *
     * @param layers     the layers that ran, in order, up to and including the failed one
     * @param notReached layers above the failed one, which did not run
     */
    public record Result(List<LayerResult> layers, List<BootLayers.Layer> notReached) {
        public Result {
            layers = List.copyOf(layers);
            notReached = List.copyOf(notReached);
        }

        public Optional<LayerResult> failedLayer() {
            return layers.stream().filter(LayerResult::failed).findFirst();
        }

        public List<Finding> findings() {
            return layers.stream().flatMap(l -> l.findings().stream()).toList();
        }

        /** Whether every layer ran and none failed: a layer nothing could check has not passed. */
        public boolean passed() {
            return notReached.isEmpty() && layers.stream().noneMatch(l -> l.failed() || l.skipped());
        }

        /** "2 passed, 1 failed, 3 not checked": layers not reached above a failed one count as not checked. */
        public String counts() {
            long passed = layers.stream().filter(l -> !l.failed() && !l.skipped()).count();
            long failed = layers.stream().filter(LayerResult::failed).count();
            long notChecked = layers.stream().filter(LayerResult::skipped).count() + notReached.size();
            return passed + " passed, " + failed + " failed, " + notChecked + " not checked";
        }

        /**
         * One sentence: "all 5 layers passed", "not passed: 1 passed, 0 failed, 4 not checked (storage, compute,
         * services, monitoring)", or "layer 1 (storage) failed: mounts on nas: /srv/media is not mounted; …".
         */
        public String verdict() {
            Optional<LayerResult> failed = failedLayer();
            if (failed.isEmpty()) {
                List<String> unchecked = layers.stream().filter(LayerResult::skipped).map(l -> l.layer().name()).toList();
                if (unchecked.isEmpty()) {
                    return "all " + layers.size() + " layers passed";
                }
                return "not passed: " + counts() + " (" + String.join(", ", unchecked) + ")";
            }
            LayerResult l = failed.get();
            Finding why = l.findings().stream().filter(f -> stops(f.severity()))
                    .max((a, b) -> Integer.compare(a.severity().rank(), b.severity().rank())).orElseThrow();
            return "layer " + l.layer().number() + " (" + l.layer().name() + ") failed: " + why.check() + " on " + why.host()
                    + ": " + why.message() + "; " + counts();
        }
    }

    static boolean stops(Severity s) {
        return s == Severity.CRIT || s == Severity.UNREACHABLE;
    }

    public Result run(List<HostConfig> hosts, BootLayers layers) throws InterruptedException {
        List<LayerResult> done = new ArrayList<>();
        List<BootLayers.Layer> all = layers.layers();
        for (int i = 0; i < all.size(); i++) {
            BootLayers.Layer layer = all.get(i);
            LayerResult r = runLayer(hosts, layer);
            done.add(r);
            if (r.failed()) {
                return new Result(done, all.subList(i + 1, all.size()));
            }
        }
        return new Result(done, List.of());
    }

    private LayerResult runLayer(List<HostConfig> hosts, BootLayers.Layer layer) throws InterruptedException {
        boolean reachability = layer.checks().contains(CheckRunner.REACHABILITY);
        List<Check> checks = new ArrayList<>();
        for (String id : layer.checks()) {
            if (!id.equals(CheckRunner.REACHABILITY)) {
                catalogue.check(id).ifPresent(checks::add);
            }
        }
        List<HostConfig> targets = reachability ? hosts
                : hosts.stream().filter(h -> checks.stream().anyMatch(c -> c.runsOn(h))).toList();
        if (targets.isEmpty()) {
            List<String> why = checks.stream().map(c -> c.id() + " runs on " + c.appliesWhen()).toList();
            return new LayerResult(layer, List.of(NotChecked.finding("layer-" + layer.number(), "not checked: no host has what "
                    + layer.name() + " looks at (" + (why.isEmpty() ? "no known check" : String.join("; ", why)) + ")")), true);
        }
        Sweep sweep = runner.run(targets, checks);
        List<Finding> kept = new ArrayList<>();
        for (Finding f : sweep.findings()) {
            if (reachability || !f.check().equals(CheckRunner.REACHABILITY) || f.severity() != Severity.OK) {
                kept.add(f);
            }
        }
        return new LayerResult(layer, kept, false);
    }
}
