package org.caretaker.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.caretaker.maintenance.ProgressListener;
import org.caretaker.outbox.ChatSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of one job's long steps as chat messages edited in place: the first progress of a step on a
 * host opens one message on each of the job's channels whose platform is a {@link ProgressBoard}, later ones
 * edit it ("weekly-snapraid on nas: sync 45 %, about 3 min left"), and the end of the step closes it
 * ("weekly-snapraid on nas: sync finished"). The boards are called on {@code async}, never on the thread that
 * reads the command's output: a slow chat must not hold up a sync.
 */
public final class ProgressMessages implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressMessages.class);

    /** One channel on a platform that can edit its messages. */
    public record Target(ProgressBoard board, String channel) {
        public Target {
            Objects.requireNonNull(board, "board");
            Objects.requireNonNull(channel, "channel");
        }
    }

    private final String job;
    private final List<Target> targets;
    private final Executor async;
    /** Touched only on {@code async}, which runs one task at a time. */
    private final Map<String, List<ProgressBoard.Handle>> open = new HashMap<>();

    /** @param async runs the board calls in order, one at a time (a single thread; {@code Runnable::run} in tests) */
    public ProgressMessages(String job, List<Target> targets, Executor async) {
        this.job = Objects.requireNonNull(job, "job");
        this.targets = List.copyOf(targets);
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * The job's channels that a sink able to edit serves: {@code telegram:<chat>} goes to the Telegram sink when
     * it is a {@link ProgressBoard}; channels of other platforms are left out.
     */
    public static ProgressMessages forChannels(String job, List<String> channels, List<? extends ChatSink> sinks, Executor async) {
        List<Target> targets = new ArrayList<>();
        for (String c : channels) {
            for (ChatSink s : sinks) {
                if (s instanceof ProgressBoard board && c.startsWith(s.platform() + ":")) {
                    targets.add(new Target(board, c));
                }
            }
        }
        return new ProgressMessages(job, targets, async);
    }

    @Override
    public void progress(String host, String step, int percent, Optional<Duration> eta) {
        String text = job + " on " + host + ": " + step + " " + percent + " %" + eta.map(e -> ", " + left(e)).orElse("");
        submit(() -> {
            List<ProgressBoard.Handle> handles = open.get(host + "/" + step);
            if (handles == null) {
                List<ProgressBoard.Handle> opened = new ArrayList<>();
                for (Target t : targets) {
                    opened.add(safely(() -> t.board().open(t.channel(), text)).orElse(new ProgressBoard.Handle(t.channel(), Optional.empty())));
                }
                open.put(host + "/" + step, opened);
            } else {
                for (int k = 0; k < handles.size(); k++) {
                    ProgressBoard.Handle h = handles.get(k);
                    ProgressBoard b = targets.get(k).board();
                    safely(() -> {
                        b.update(h, text);
                        return h;
                    });
                }
            }
        });
    }

    @Override
    public void finished(String host, String step) {
        String text = job + " on " + host + ": " + step + " finished";
        submit(() -> {
            List<ProgressBoard.Handle> handles = open.remove(host + "/" + step);
            if (handles != null) {
                for (int k = 0; k < handles.size(); k++) {
                    ProgressBoard.Handle h = handles.get(k);
                    ProgressBoard b = targets.get(k).board();
                    safely(() -> {
                        b.close(h, text);
                        return h;
                    });
                }
            }
        });
    }

    /** {@code about 3 min left}, {@code about 2 h 5 min left}, {@code less than a minute left}. */
    static String left(Duration eta) {
        long minutes = eta.toMinutes();
        if (minutes < 1) {
            return "less than a minute left";
        }
        return minutes < 60 ? "about " + minutes + " min left" : "about " + minutes / 60 + " h " + minutes % 60 + " min left";
    }

    /** A board that throws after all costs only its own message. */
    private <T> Optional<T> safely(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException e) {
            LOG.warn("progress message failed job={} error={}", job, e.toString());
            return Optional.empty();
        }
    }

    private void submit(Runnable task) {
        if (targets.isEmpty()) {
            return;
        }
        try {
            async.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("progress message failed job={} error={}", job, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("progress message dropped, shutting down job={}", job);
        }
    }
}
