package org.caretaker.exec;

/**
 * A command could not be run, or its result could not be read. {@link Kind} says what happened so the engine
 * can turn it into the right finding: connection-level kinds make the whole host UNREACHABLE; a command that
 * outlived its deadline is UNKNOWN for that check only.
 */
public final class ExecException extends Exception {

    public enum Kind {
        /** TCP connect refused, no route, DNS failure, connect timeout. */
        CONNECT(true),
        /** The server refused every key we offered. */
        AUTH(true),
        /** The host key is not in known_hosts, or differs from it. Never accepted. */
        HOST_KEY(true),
        /** The command did not finish within its timeout plus grace; the channel was closed. */
        TIMEOUT(false),
        /** The connection broke while the command ran, or the local process could not be started. */
        IO(false);

        private final boolean hostLevel;

        Kind(boolean hostLevel) {
            this.hostLevel = hostLevel;
        }

        /** True when nothing else can run on this host in this run either. */
        public boolean hostLevel() {
            return hostLevel;
        }
    }

    private final Kind kind;

    public ExecException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ExecException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
