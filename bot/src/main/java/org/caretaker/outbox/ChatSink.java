package org.caretaker.outbox;

import org.caretaker.report.Report;

/**
 * Where the outbox delivers messages for one platform. Adapters implement it; a failed delivery throws,
 * and the outbox keeps the message and tries again later.
 */
public interface ChatSink {

    /** {@code console}, {@code telegram}, {@code discord}. */
    String platform();

    void deliver(String channel, Report report) throws DeliveryException;
}
