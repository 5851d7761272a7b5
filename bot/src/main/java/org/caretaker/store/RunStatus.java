package org.caretaker.store;

/**
 * How a stored run stands. Each is stored as the word earlier releases wrote, so history from before this type
 * reads back unchanged.
 */
public enum RunStatus {
    /** Started and not yet stored as ended; also what a run of a bot that died stays until someone marks it. */
    RUNNING("running"),
    /** Ran to the end and its findings are stored, whatever they say: the "last success" of a job. */
    FINISHED("finished"),
    /** Ended without findings worth trusting. */
    FAILED("failed"),
    /** Was still going when its bot stopped; marked so by the next start (or by the instance that took over). */
    INTERRUPTED("abandoned");

    private final String stored;

    RunStatus(String stored) {
        this.stored = stored;
    }

    /** The word in the {@code runs.status} column. */
    public String stored() {
        return stored;
    }

    /** The status a {@code runs.status} word stands for. */
    public static RunStatus ofStored(String word) {
        for (RunStatus s : values()) {
            if (s.stored.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + word + "' in the database; known: running, finished, failed, abandoned");
    }
}
