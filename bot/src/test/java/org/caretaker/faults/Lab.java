package org.caretaker.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.caretaker.Caretaker;
import org.caretaker.check.Catalogue;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.check.Sweep;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;

/** What the fault tests share: a configuration written as the user writes it, and a sweep over it. */
final class Lab {
    private Lab() {
    }

    /** Writes {@code caretaker.yaml} into {@code dir} and loads it the way {@code caretaker run} does. */
    static CaretakerConfig config(Path dir, String yaml) throws IOException, ConfigException {
        Files.writeString(dir.resolve("caretaker.yaml"), yaml);
        Catalogue catalogue = Catalogue.standard();
        return new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment())
                .load(dir.resolve("caretaker.yaml"));
    }

    /** One sweep of the named checks over every configured host, with the configured deadline. */
    static Sweep sweep(CaretakerConfig config, String... checks) throws InterruptedException {
        Catalogue catalogue = Catalogue.standard();
        return new Caretaker(config, catalogue, Clock.systemUTC()).runner(CheckMemory.NONE)
                .run(config.hosts(), Arrays.stream(checks).map(id -> catalogue.check(id).orElseThrow()).toList());
    }

    static List<Finding> of(Sweep s, String host) {
        return s.findings().stream().filter(f -> f.host().equals(host)).toList();
    }

    static List<Finding> of(Sweep s, String host, String check) {
        return s.findings().stream().filter(f -> f.host().equals(host) && f.check().equals(check)).toList();
    }

    /** Host entry for a YAML {@code hosts:} list, at the indentation of the list items. */
    static String sshHost(String name, int port, Path key, Path knownHosts, String extra) {
        return """
                  - name: %s
                    address: 127.0.0.1
                    port: %d
                    user: root
                    key: %s
                    known-hosts: %s
                """.formatted(name, port, key, knownHosts) + extra;
    }

    /** Processes still alive whose command line contains {@code marker}. */
    static List<String> alive(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(marker)).collect(Collectors.toList());
    }

    /** Sends a signal by number to one process, as the host's own {@code kill} would. */
    static void signal(String name, ProcessHandle p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor();
    }
}
