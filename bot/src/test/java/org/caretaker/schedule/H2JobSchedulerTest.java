package org.caretaker.schedule;

import java.nio.file.Path;
import java.time.Duration;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler on a real H2 file, as the embedded default runs it. */
class H2JobSchedulerTest extends JobSchedulerContract {
    @TempDir
    Path dir;

    @Override
    StoreConfig freshStore() {
        return new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400));
    }
}
