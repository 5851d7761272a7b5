package org.caretaker.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class BootLayersTest {
    private static final Set<String> KNOWN = Set.of("mounts", "zfs-pools", "snapraid", "containers", "k8s-pods",
            "http-endpoints", "prometheus-targets", "proxmox");

    private static final YamlNode.Environment NO_ENV = new YamlNode.Environment() {
        @Override
        public Optional<String> variable(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> file(String path) {
            return Optional.empty();
        }
    };

    private record Read(BootLayers layers, List<String> problems) {
    }

    private static Read read(String yaml) throws Exception {
        Problems problems = new Problems("caretaker.yaml");
        YamlNode root = new YamlNode(new ObjectMapper(new YAMLFactory()).readTree(yaml), "", problems, NO_ENV);
        BootLayers layers = BootLayers.read(root.get("validate"), KNOWN);
        return new Read(layers, problems.list());
    }

    @Test
    void missingSection_givesTheDefaultLayers() throws Exception {
        Read r = read("hosts: []\n");

        assertThat(r.problems()).isEmpty();
        assertThat(r.layers()).isEqualTo(BootLayers.defaults());
        assertThat(r.layers().layers()).extracting(l -> l.number() + " " + l.name() + " " + l.checks()).containsExactly(
                "0 hypervisor [reachability]",
                "1 storage [mounts, zfs-pools, snapraid]",
                "2 compute [containers, k8s-pods]",
                "3 services [http-endpoints]",
                "4 monitoring [prometheus-targets]");
    }

    @Test
    void layersInFileOrder_areNumberedFromZero() throws Exception {
        Read r = read("""
                validate:
                  layers:
                    - name: hypervisor
                      checks: [reachability, proxmox]
                    - checks: [mounts]
                """);

        assertThat(r.problems()).isEmpty();
        assertThat(r.layers().layers()).containsExactly(
                new BootLayers.Layer(0, "hypervisor", List.of("reachability", "proxmox")),
                new BootLayers.Layer(1, "storage", List.of("mounts")));
        assertThat(r.layers().layers().get(1).runbook()).isEqualTo("runbook/boot-order#layer-1-storage");
    }

    @Test
    void everyProblem_isReportedWithItsPath() throws Exception {
        Read r = read("""
                validate:
                  layer: 1
                  layers:
                    - checks: [reachability, mountz]
                    - name: storage
                    - checks: [mounts, mounts]
                      when: boot
                """);

        assertThat(r.problems()).containsExactly(
                "caretaker.yaml: validate.layer: unknown key; known: layers",
                "caretaker.yaml: validate.layers[0].checks[1]: unknown check 'mountz'; known: containers, http-endpoints, "
                        + "k8s-pods, mounts, prometheus-targets, proxmox, reachability, snapraid, zfs-pools",
                "caretaker.yaml: validate.layers[1].checks: is required: the check ids of layer 1 (storage)",
                "caretaker.yaml: validate.layers[2].when: unknown key; known: name, checks",
                "caretaker.yaml: validate.layers[2].checks[1]: check 'mounts' is listed twice in this layer");
    }

    @Test
    void moreThanFiveLayers_isAProblem() throws Exception {
        Read r = read("validate:\n  layers:\n" + "    - checks: [mounts]\n".repeat(6));

        assertThat(r.problems()).containsExactly(
                "caretaker.yaml: validate.layers: has 6 layers; at most 5 (0 hypervisor to 4 monitoring)");
        assertThat(r.layers().layers()).hasSize(5);
    }
}
