package org.caretaker.chat.console;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caretaker.chat.ChatUser;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandRouter;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.outbox.ChatSink;
import org.caretaker.report.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console as a chat platform: commands typed on stdin ({@code /status}, {@code status},
 * {@code /check disk-usage local}) go to the router as user and channel {@code console:local}, answers
 * and outbox deliveries are printed to stdout. It only translates; the router decides.
 *
 * <p>Stdin may be a terminal or a pipe. A prompt is shown only on a terminal. When the input ends, the
 * {@code onEof} callback decides what happens — a bot fed by a pipe that closed keeps running and keeps
 * printing its reports.
 *
 * <p>As a {@link ProgressBoard} it cannot edit what it printed, so each update is a line of its own.
 */
public final class ConsoleAdapter implements ChatSink, ProgressBoard {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAdapter.class);
    public static final String PLATFORM = "console";
    public static final String CHANNEL = "console:local";
    static final ChatUser USER = new ChatUser("console", "local", "console");
    static final String PROMPT = "caretaker> ";

    private final CommandRouter router;
    private final BufferedReader in;
    private final PrintStream out;
    private final ConsoleRenderer renderer;
    private final Runnable onEof;
    private final boolean prompt;
    private final Object lock = new Object();
    private boolean promptShown;
    private Thread thread;

    /** Prompts when the JVM has a terminal; does nothing at the end of the input. */
    public ConsoleAdapter(CommandRouter router, BufferedReader in, PrintStream out, ConsoleRenderer renderer) {
        this(router, in, out, renderer, () -> { }, System.console() != null);
    }

    /**
     * @param onEof  called on the reading thread when the input ends
     * @param prompt whether to print {@code caretaker> } before each line
     */
    public ConsoleAdapter(CommandRouter router, BufferedReader in, PrintStream out, ConsoleRenderer renderer, Runnable onEof, boolean prompt) {
        this.router = router;
        this.in = in;
        this.out = out;
        this.renderer = renderer;
        this.onEof = onEof;
        this.prompt = prompt;
    }

    /** The process's stdin and stdout, in UTF-8. */
    public static ConsoleAdapter onSystemConsole(CommandRouter router, Runnable onEof) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        return new ConsoleAdapter(router, stdin, stdout, new ConsoleRenderer(), onEof, System.console() != null);
    }

    /** Starts reading on a daemon thread; a second call does nothing. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::readLoop, "console");
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        while (true) {
            showPrompt();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                LOG.warn("console input failed error={}", e.getMessage());
                line = null;
            }
            if (line == null) {
                break;
            }
            synchronized (lock) {
                promptShown = false;
            }
            Optional<CommandRequest> req = parse(line);
            if (req.isPresent()) {
                print(renderer.render(router.handle(req.get())));
            }
        }
        synchronized (lock) {
            if (promptShown) {
                // Like a shell on Ctrl-D: end the prompt line; nothing is read any more, so no new prompt.
                out.print('\n');
                out.flush();
                promptShown = false;
            }
        }
        LOG.info("console input ended");
        onEof.run();
    }

    /** A typed line as a request: the first word is the command (slash optional), the rest its arguments. */
    static Optional<CommandRequest> parse(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = Arrays.asList(t.split("\\s+"));
        String name = words.get(0).startsWith("/") ? words.get(0).substring(1) : words.get(0);
        return Optional.of(new CommandRequest(USER, Set.of(), CHANNEL, name, words.subList(1, words.size())));
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    /** Prints a report from the outbox; the console has one channel, so every console channel lands here. */
    @Override
    public void deliver(String channel, Report report) {
        print(renderer.render(report));
    }

    @Override
    public Handle open(String channel, String text) {
        print(text);
        return new Handle(channel, Optional.of("console"));
    }

    @Override
    public void update(Handle handle, String text) {
        print(text);
    }

    private void print(String text) {
        synchronized (lock) {
            if (promptShown) {
                // A delivery arrived while the prompt waits: keep it off the prompt line, then show the prompt again.
                out.print('\n');
            }
            out.print(text);
            out.print('\n');
            out.flush();
            if (promptShown) {
                out.print(PROMPT);
                out.flush();
            }
        }
    }

    private void showPrompt() {
        if (!prompt) {
            return;
        }
        synchronized (lock) {
            out.print(PROMPT);
            out.flush();
            promptShown = true;
        }
    }
}
