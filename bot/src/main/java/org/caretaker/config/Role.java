package org.caretaker.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What a chat user may do, each role including the ones before it: a {@code viewer} reads (status, help,
 * schedule), an {@code operator} also runs checks and jobs that leave hosts as they are and acks findings,
 * an {@code admin} also runs what changes a host — and confirms it.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** The lower-case name used in the configuration and in messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
