package org.caretaker.check.kernel;

import java.util.List;

/**
 * The kernel's messages from a log, in order, each without its timestamp and host prefix.
 *
 * @param messages message texts, e.g. {@code INFO: task df:1177107 blocked for more than 120 seconds.}
 */
public record KernelLog(List<String> messages) {

    public KernelLog {
        messages = List.copyOf(messages);
    }
}
