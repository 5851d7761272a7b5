package org.caretaker.alert;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What {@code /ack} talks to: the alert engine mutes one finding's fingerprint. */
public interface Acknowledger {

    /**
     * Mutes the finding with this short id until its value changes or the ack expires.
     *
     * @param shortId the eight-digit id shown by {@code /status}
     * @param by      who acked, as {@code platform:id}
     * @param ttl     how long the ack lasts; empty for the configured default
     * @return a sentence for the user: "acked storage/disk-usage//srv until 2026-12-04 07:00 or until it changes"
     * @throws IllegalArgumentException when no open finding has this id
     */
    String ack(String shortId, String by, Optional<Duration> ttl);

    /** The acks held now and those a changed value re-armed, by finding key ({@code host/check/subject}). */
    default Map<String, Ack> acks() {
        return Map.of();
    }
}
