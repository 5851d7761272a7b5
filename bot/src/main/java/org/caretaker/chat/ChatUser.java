package org.caretaker.chat;

/**
 * Who sent a command, as the platform identifies them.
 *
 * @param platform    {@code console}, {@code telegram}, {@code discord}
 * @param id          the platform's stable user id (never the display name: names can be changed by anyone)
 * @param displayName for messages and the audit log only
 */
public record ChatUser(String platform, String id, String displayName) {

    /** {@code platform:id}, the form used in configuration and the audit log. */
    public String qualifiedId() {
        return platform + ":" + id;
    }
}
