package org.caretaker.store;

import java.nio.file.Path;
import java.time.Duration;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.junit.jupiter.api.io.TempDir;

/** The history contract on a real H2 file, as the embedded default uses it. */
class H2HistoryStoreTest extends HistoryStoreContract {
    @TempDir
    Path dir;

    @Override
    Database open() throws Exception {
        return Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
    }
}
