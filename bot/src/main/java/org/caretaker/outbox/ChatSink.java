package org.caretaker.outbox;

import java.time.Duration;
import org.caretaker.report.Report;

/**
 * Where the outbox delivers messages for one platform. Adapters implement it; a failed delivery throws,
 * and the outbox keeps the message and tries again later, or gives it up when the failure is
 * {@linkplain DeliveryException#permanent() permanent}.
 *
 * <p>A report may take several requests (text parts, then files). A sink that says so through
 * {@link #parts} is asked for one part at a time, and the outbox remembers which parts were accepted: a
 * retry resumes at the first part not accepted, so no part is delivered twice.
 */
public interface ChatSink {

    /** {@code console}, {@code telegram}, {@code discord}. */
    String platform();

    /** Delivers the whole report at once; sinks with more than one part implement {@link #deliver(String, Report, int)}. */
    void deliver(String channel, Report report) throws DeliveryException;

    /** How many requests delivering this report takes; the same report always gives the same parts. */
    default int parts(Report report) {
        return 1;
    }

    /** Delivers part {@code part} (from 0) of the report. */
    default void deliver(String channel, Report report, int part) throws DeliveryException {
        deliver(channel, report);
    }

    /**
     * The least time between two requests to one channel, to stay under the platform's flood control
     * instead of running into it. Other channels are served meanwhile.
     */
    default Duration spacing() {
        return Duration.ZERO;
    }
}
