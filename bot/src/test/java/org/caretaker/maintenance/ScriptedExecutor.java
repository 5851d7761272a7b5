package org.caretaker.maintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.Executor;

/**
 * A host that answers with captured output: each command is matched by the start of its argument line
 * ({@code "snapraid -c /etc/snapraid.conf status"}); a prefix given several answers hands them out in turn, the
 * last one again and again. Unknown commands exit 127, as on a host without the program.
 */
final class ScriptedExecutor implements Executor {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private final Map<String, Deque<CommandOutput>> answers = new LinkedHashMap<>();
    final List<String> ran = new ArrayList<>();

    ScriptedExecutor on(String prefix, int exit, String stdout) {
        answers.computeIfAbsent(prefix, k -> new ArrayDeque<>()).add(new CommandOutput(exit, stdout, "", Duration.ZERO, false));
        return this;
    }

    ScriptedExecutor onFixture(String prefix, int exit, String fixture) throws IOException {
        return on(prefix, exit, Files.readString(FIXTURES.resolve(fixture)));
    }

    @Override
    public CommandOutput run(Command command) {
        String line = String.join(" ", command.argv());
        ran.add(line);
        for (Map.Entry<String, Deque<CommandOutput>> e : answers.entrySet()) {
            if (line.startsWith(e.getKey())) {
                Deque<CommandOutput> q = e.getValue();
                return q.size() > 1 ? q.poll() : q.peek();
            }
        }
        return new CommandOutput(127, "", "sh: " + command.argv().get(0) + ": not found", Duration.ZERO, false);
    }

    /** Hands the scripted stdout to the listener line by line, split as a real executor splits it. */
    @Override
    public CommandOutput run(Command command, java.util.function.Consumer<String> progress) {
        CommandOutput out = run(command);
        for (String line : out.stdout().split("[\r\n]")) {
            if (!line.isEmpty()) {
                progress.accept(line);
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}
