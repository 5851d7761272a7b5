package org.caretaker.diag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.caretaker.Caretaker;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.config.BootLayers;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The layers run with the real runner on this machine; the checks are small ones that run a real command. */
class BootValidationTest {
    @TempDir
    Path dir;

    private Caretaker caretaker;
    private BootValidation validation;

    /** Prints a percentage on the host and judges it: 90 and above is CRIT. */
    private static Check percent(String id, int value, String tag) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String summary() {
                return "test check";
            }

            @Override
            public boolean appliesTo(HostConfig host) {
                return tag == null || host.hasTag(tag);
            }

            @Override
            public List<Finding> run(CheckContext ctx) throws ExecException, InterruptedException {
                CommandOutput out = ctx.exec(Command.of("echo", Integer.toString(value)));
                int v = Integer.parseInt(out.stdout().strip());
                Findings f = ctx.findings();
                f.add(v >= 90 ? Severity.CRIT : Severity.OK, "/srv", "/srv is " + v + "% full");
                return f.list();
            }
        };
    }

    @BeforeEach
    void setUp() throws Exception {
        Path cfg = Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: this-machine
                    local: true
                store:
                  data-dir: ./data
                """);
        Catalogue catalogue = new Catalogue(List.of(percent("mounts", 40, null), percent("containers", 97, null),
                percent("http-endpoints", 10, null), percent("k8s-pods", 99, "k3s-server")));
        Caretaker loaded = Caretaker.load(cfg);
        caretaker = new Caretaker(loaded.config(), catalogue, Clock.systemUTC());
        validation = new BootValidation(caretaker.runner(CheckMemory.NONE), catalogue);
    }

    @Test
    void stopsAtTheFirstFailingLayer_andSaysWhichAndWhy() throws Exception {
        BootValidation.Result r = validation.run(caretaker.config().hosts(), BootLayers.defaults());

        assertThat(r.layers()).extracting(l -> l.layer().name()).containsExactly("hypervisor", "storage", "compute");
        assertThat(r.notReached()).extracting(BootLayers.Layer::name).containsExactly("services", "monitoring");
        assertThat(r.verdict()).isEqualTo("layer 2 (compute) failed: containers on this-machine: /srv is 97% full;"
                + " 2 passed, 1 failed, 2 not checked");
        assertThat(r.layers().get(0).findings()).extracting(Finding::check).containsExactly("reachability");
        assertThat(r.layers().get(1).findings()).extracting(Finding::check).containsExactly("mounts");
        assertThat(r.layers().get(2).findings()).extracting(Finding::check)
                .as("k8s-pods applies to no host here").containsExactly("containers");
    }

    @Test
    void layersThatPassOrCheckNothing_allRun_butOnlyAllCheckedPasses() throws Exception {
        BootLayers layers = new BootLayers(List.of(
                new BootLayers.Layer(0, "hypervisor", List.of("reachability")),
                new BootLayers.Layer(1, "storage", List.of("mounts")),
                new BootLayers.Layer(2, "compute", List.of("k8s-pods")),
                new BootLayers.Layer(3, "services", List.of("http-endpoints"))));

        BootValidation.Result r = validation.run(caretaker.config().hosts(), layers);

        assertThat(r.failedLayer()).isEmpty();
        assertThat(r.verdict()).isEqualTo("not passed: 3 passed, 0 failed, 1 not checked (compute)");
        assertThat(r.passed()).isFalse();
        assertThat(r.layers().get(2).skipped()).isTrue();
        assertThat(r.layers().get(2).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).startsWith("not checked: no host has what compute looks at (k8s-pods runs on ");
        });
        assertThat(r.notReached()).isEmpty();
    }
}
