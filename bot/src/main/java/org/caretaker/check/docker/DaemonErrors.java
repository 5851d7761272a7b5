package org.caretaker.check.docker;

import org.caretaker.check.UnparseableOutputException;

/**
 * Recognises the docker CLI's own complaints about reaching the engine, so that "the daemon is down" and
 * "you may not use the socket" read as such instead of as unreadable output. Used on stderr by the check
 * and on pasted text by the inspectors.
 */
final class DaemonErrors {
    static final String NOT_RUNNING = "the Docker daemon is not running or not reachable";
    static final String PERMISSION =
            "permission denied on the Docker socket: add the login user to the docker group or set sudo: true for this host";

    private DaemonErrors() {
    }

    static void check(String text) throws UnparseableOutputException {
        String body = text.strip();
        // JSON is the tool's answer, and may quote such words itself (a health-check log, a command line).
        if (body.startsWith("{") || body.startsWith("[")) {
            return;
        }
        for (String line : text.lines().toList()) {
            if (line.contains("Cannot connect to the Docker daemon")) {
                throw new UnparseableOutputException(NOT_RUNNING, line);
            }
            if (line.contains("permission denied") && line.contains("docker")) {
                throw new UnparseableOutputException(PERMISSION, line);
            }
        }
    }
}
