package org.caretaker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.caretaker.check.Catalogue;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.ExecutorFactory;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.HostConfig;
import org.caretaker.discover.Discovered;
import org.caretaker.discover.Discovery;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.caretaker.exec.LocalExecutor;
import org.caretaker.exec.SshExecutor;
import org.caretaker.exec.SshPool;

/**
 * The composition root: every part of Caretaker is built here, by hand, from the configuration. No
 * framework, no static singletons; tests build the parts they need the same way.
 */
public final class Caretaker {
    private final CaretakerConfig config;
    private final Catalogue catalogue;
    private final Clock clock;
    /** Warm connections, for the running bot; empty for one-shot commands, which open, use and close. */
    private final Optional<SshPool> pool;

    public Caretaker(CaretakerConfig config, Catalogue catalogue, Clock clock) {
        this(config, catalogue, clock, Optional.empty());
    }

    private Caretaker(CaretakerConfig config, Catalogue catalogue, Clock clock, Optional<SshPool> pool) {
        this.config = config;
        this.catalogue = catalogue;
        this.clock = clock;
        this.pool = pool;
    }

    /**
     * The same parts, but SSH executors borrow the pool's warm connections, so a chat command or a scheduled
     * sweep reuses the last connection to a host. The caller owns the pool and closes it when it stops.
     */
    public Caretaker withWarmConnections(SshPool connections) {
        return new Caretaker(config, catalogue, clock, Optional.of(connections));
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

    /**
     * SSH for remote hosts, the local executor for {@code local: true}, with the configured limits; SSH
     * executors use the warm connections when {@link #withWarmConnections} gave some.
     */
    public ExecutorFactory executors() {
        return this::executorFor;
    }

    private Executor executorFor(HostConfig host) {
        var r = config.runner();
        if (host.local()) {
            return new LocalExecutor(r.outputCap(), host.sudo());
        }
        return pool.isPresent()
                ? pool.get().open(host)
                : new SshExecutor(host, r.connectTimeout(), r.outputCap(), r.perHost());
    }

    /** What a configured host runs, found read-only over its usual executor (for {@code /hosts discover}). */
    public Discovered discover(HostConfig host) throws ExecException, InterruptedException {
        try (Executor ex = executorFor(host)) {
            return Discovery.run(ex);
        }
    }

    public CheckRunner runner(CheckMemory memory) {
        return new CheckRunner(config.runner(), config.thresholds(), executors(), memory, clock);
    }
}
