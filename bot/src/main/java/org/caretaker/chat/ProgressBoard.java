package org.caretaker.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * A message that is edited in place while a long job runs ("weekly-snapraid on nas: sync 45 %, about 3 min
 * left"), for platforms that can edit what they sent. It is best-effort and deliberately apart from the
 * outbox: an update that does not arrive is overtaken by the next one, so nothing here is stored or retried,
 * and no method throws. The job's report still goes through the outbox, whatever happened here.
 */
public interface ProgressBoard {

    /** Posts the first text; the handle is for the updates, even when posting failed. */
    Handle open(String channel, String text);

    /** Replaces the text of the message. */
    void update(Handle handle, String text);

    /** Replaces the text one last time; the handle is spent. Where nothing marks the end, that is one more update. */
    default void close(Handle handle, String text) {
        update(handle, text);
    }

    /**
     * One message on one channel.
     *
     * @param channel   the channel it was posted to, {@code telegram:<chat id>}
     * @param messageId the platform's id of the message; empty when posting it failed, and then updates do nothing
     */
    record Handle(String channel, Optional<String> messageId) {
        public Handle {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(messageId, "messageId");
        }
    }
}
