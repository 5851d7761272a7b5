package org.caretaker.check.docker;

import java.util.Locale;

/**
 * One container as {@code docker ps} and/or {@code docker inspect} described it. Fields the source did not
 * carry are empty or -1: {@code docker ps} has no restart count, {@code docker inspect} has no human status.
 *
 * @param id            full container id (64 hex digits), or empty
 * @param name          name without the leading '/'
 * @param image         image reference as docker printed it
 * @param state         lifecycle state
 * @param status        docker's human status, e.g. "Up 3 days (healthy)", "Exited (137) 2 hours ago"; empty from inspect
 * @param exitCode      last exit code, -1 when unknown
 * @param health        health-check state: "healthy", "unhealthy", "starting", or empty without a health check
 * @param restartCount  restarts done by the restart policy, -1 when unknown
 * @param restartPolicy "no", "always", "unless-stopped", "on-failure", or empty when unknown
 * @param oomKilled     the last run was killed by the kernel for running out of memory
 */
public record Container(
        String id,
        String name,
        String image,
        State state,
        String status,
        int exitCode,
        String health,
        int restartCount,
        String restartPolicy,
        boolean oomKilled) {

    /** Docker's container states ({@code State.Status}); UNKNOWN for anything newer we do not know. */
    public enum State {
        CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN;

        static State of(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "created" -> CREATED;
                case "running" -> RUNNING;
                case "paused" -> PAUSED;
                case "restarting" -> RESTARTING;
                case "removing" -> REMOVING;
                case "exited" -> EXITED;
                case "dead" -> DEAD;
                default -> UNKNOWN;
            };
        }
    }

    /** This container completed with what {@code docker inspect} knows and {@code docker ps} does not. */
    Container withDetails(Container d) {
        return new Container(
                id.isEmpty() ? d.id : id,
                name.isEmpty() ? d.name : name,
                image.isEmpty() ? d.image : image,
                d.state == State.UNKNOWN ? state : d.state,
                status,
                d.exitCode >= 0 ? d.exitCode : exitCode,
                d.health.isEmpty() ? health : d.health,
                d.restartCount >= 0 ? d.restartCount : restartCount,
                d.restartPolicy.isEmpty() ? restartPolicy : d.restartPolicy,
                oomKilled || d.oomKilled);
    }
}
