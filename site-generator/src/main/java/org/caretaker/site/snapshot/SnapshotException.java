package org.caretaker.site.snapshot;

/** A status snapshot that cannot be read: not JSON, missing fields, or a schema version we do not know. */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }

    public SnapshotException(String message) {
        super(message);
    }
}
