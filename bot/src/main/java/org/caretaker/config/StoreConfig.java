package org.caretaker.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where runs, findings, alert state, the outbox and the scheduler live.
 *
 * @param dataDir   directory for the embedded H2 database and other state
 * @param url       JDBC URL; empty means an H2 file under {@code dataDir}
 * @param user      database user
 * @param password  database password
 * @param retention how long runs and findings are kept
 */
public record StoreConfig(Path dataDir, String url, String user, Secret password, Duration retention) {
    public StoreConfig {
        new Rules()
                .require(url.isEmpty() || url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"), "url",
                        "must be a jdbc:h2: or jdbc:postgresql: URL")
                .require(retention.toDays() >= 1, "retention", "must be at least 1d")
                .check();
    }

    /**
     * The JDBC URL to use: the configured one, or an H2 file {@code caretaker} under the data directory.
     * {@code WRITE_DELAY=0} makes H2 write each commit through at once: with its default half-second delay a
     * power cut right after a job started could lose the record that it was running, and the job would not
     * be recovered. {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to the bot's own shutdown, which still writes
     * to it (the outbox's last pass, the scheduler's state).
     */
    public String jdbcUrl() {
        return url.isEmpty() ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("caretaker") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE" : url;
    }
}
