package org.caretaker.config;

import java.time.Duration;

/**
 * Limits of one sweep over hosts × checks.
 *
 * @param concurrency        checks running at once over all hosts
 * @param perHost            checks running at once on one host (one SSH channel each; OpenSSH allows 10)
 * @param deadline           the whole sweep ends by then; unfinished checks become UNKNOWN findings
 * @param connectTimeout     TCP connect plus SSH handshake and authentication
 * @param commandTimeout     default for one command; the host-side {@code timeout} kills it after this
 * @param outputCap          bytes kept of stdout and of stderr per command; the rest is counted and dropped
 * @param keepAlive          how long the running bot keeps an idle SSH connection open for the next command;
 *                           zero opens and closes a connection for every use. One-shot CLI commands never keep one.
 */
public record RunnerConfig(int concurrency, int perHost, Duration deadline, Duration connectTimeout,
                           Duration commandTimeout, int outputCap, Duration keepAlive) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofMinutes(10);

    public static final RunnerConfig DEFAULTS = new RunnerConfig(32, 4, Duration.ofMinutes(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 1024 * 1024, DEFAULT_KEEP_ALIVE);

    /** Limits with the default keep-alive. */
    public RunnerConfig(int concurrency, int perHost, Duration deadline, Duration connectTimeout,
                        Duration commandTimeout, int outputCap) {
        this(concurrency, perHost, deadline, connectTimeout, commandTimeout, outputCap, DEFAULT_KEEP_ALIVE);
    }

    public RunnerConfig {
        new Rules()
                .require(concurrency >= 1 && concurrency <= 1024, "concurrency", "must be between 1 and 1024")
                .require(perHost >= 1 && perHost <= 10, "per-host", "must be between 1 and 10 (OpenSSH's MaxSessions is 10)")
                .require(deadline.compareTo(Duration.ofSeconds(1)) >= 0, "deadline", "must be at least 1s")
                .require(connectTimeout.compareTo(Duration.ofMillis(100)) >= 0, "connect-timeout", "must be at least 100ms")
                .require(commandTimeout.compareTo(Duration.ofSeconds(1)) >= 0, "command-timeout", "must be at least 1s")
                .require(outputCap >= 1024, "output-cap", "must be at least 1024 bytes")
                .require(!keepAlive.isNegative() && keepAlive.compareTo(Duration.ofDays(1)) <= 0, "keep-alive",
                        "must be between 0s (no warm connections) and 1d")
                .check();
    }
}
