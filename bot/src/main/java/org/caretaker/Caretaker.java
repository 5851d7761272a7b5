package org.caretaker;

import java.nio.file.Path;
import java.time.Clock;
import org.caretaker.check.Catalogue;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.ExecutorFactory;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Executor;
import org.caretaker.exec.LocalExecutor;
import org.caretaker.exec.SshExecutor;

/**
 * The composition root: every part of Caretaker is built here, by hand, from the configuration. No
 * framework, no static singletons; tests build the parts they need the same way.
 */
public final class Caretaker {
    private final CaretakerConfig config;
    private final Catalogue catalogue;
    private final Clock clock;

    public Caretaker(CaretakerConfig config, Catalogue catalogue, Clock clock) {
        this.config = config;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Loads and validates the configuration file; every problem is listed in the exception. */
    public static Caretaker load(Path configFile) throws ConfigException {
        Catalogue catalogue = Catalogue.standard();
        ConfigLoader loader = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment());
        return new Caretaker(loader.load(configFile), catalogue, Clock.systemDefaultZone());
    }

    public CaretakerConfig config() {
        return config;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Clock clock() {
        return clock;
    }

    /** SSH for remote hosts, the local executor for {@code local: true}, with the configured limits. */
    public ExecutorFactory executors() {
        return host -> executorFor(host, config);
    }

    private static Executor executorFor(HostConfig host, CaretakerConfig config) {
        var r = config.runner();
        return host.local()
                ? new LocalExecutor(r.outputCap(), host.sudo())
                : new SshExecutor(host, r.connectTimeout(), r.outputCap(), r.perHost());
    }

    public CheckRunner runner(CheckMemory memory) {
        return new CheckRunner(config, executors(), memory, clock);
    }
}
