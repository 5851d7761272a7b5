package org.caretaker.check.proxmox;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a node's task list ({@code pvesh get /nodes/<node>/tasks}).
 *
 * @param upid   the task id, e.g. {@code UPID:pve1:0000A1B2:0AF00000:66C00E00:vzdump:101:root@pam:}
 * @param type   vzdump, qmstart, aptupdate…
 * @param guest  the guest id the task worked on; empty for a backup job covering several guests
 * @param start  when it started
 * @param end    when it ended; empty while it runs
 * @param status "OK", "WARNINGS: 2", an error text such as "job errors"; empty while it runs
 */
public record Task(String upid, String type, String guest, Instant start, Optional<Instant> end, String status) {

    public boolean running() {
        return status.isEmpty() || status.equals("running");
    }
}
