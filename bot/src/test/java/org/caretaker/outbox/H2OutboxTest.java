package org.caretaker.outbox;

import java.nio.file.Path;
import java.time.Duration;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.junit.jupiter.api.io.TempDir;

/** The outbox contract on a real H2 file, as the embedded default uses it. */
class H2OutboxTest extends OutboxContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() throws Exception {
        return Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
    }
}
