package org.caretaker.job;

/**
 * Why a run happens.
 *
 * @param kind {@code schedule}, {@code chat}, {@code cli} or {@code recovery}
 * @param by   the schedule id, or the user who asked ({@code telegram:42})
 */
public record Trigger(String kind, String by) {
    public static Trigger schedule(String id) {
        return new Trigger("schedule", id);
    }

    public static Trigger chat(String user) {
        return new Trigger("chat", user);
    }

    public static Trigger recovery(String id) {
        return new Trigger("recovery", id);
    }
}
