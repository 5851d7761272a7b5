package org.caretaker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Inspector;
import org.caretaker.check.ParserGuess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker inspect [parser] <file|->}: judge saved output without touching any host. Someone pastes
 * what {@code zpool status} printed on a sick box and gets the same findings the bot would give. Without a
 * parser the output's shape picks one ({@link ParserGuess}), and the choice is said on stderr so that stdout
 * stays the findings alone.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Run one parser and its judgement on saved command output (a file, or - for stdin). "
                + "Without a parser, the output's shape picks one and the choice is printed on stderr.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class InspectCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List the parsers and what output each expects.")
    boolean list;

    @Option(names = "--json", description = "Print {\"findings\":[...]} instead of a table.")
    boolean json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PARSER",
            description = "Parser id, e.g. zpool-status (see --list); leave it out to let the output's shape choose.")
    String parser;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "File with the output, or - to read stdin.")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Catalogue catalogue = Catalogue.standard();
        if (list) {
            int w = catalogue.inspectors().stream().mapToInt(i -> i.id().length()).max().orElse(10);
            for (Inspector i : catalogue.inspectors()) {
                out.printf("%-" + w + "s  %-18s %s%n", i.id(), i.check(), i.summary());
            }
            out.flush();
            return 0;
        }
        if (parser != null && file == null && catalogue.inspector(parser).isEmpty()) {
            file = parser;
            parser = null;
        }
        if (file == null) {
            err.println("caretaker inspect: give a file (or - for stdin), with a parser before it if you know it, or --list");
            err.flush();
            return 3;
        }
        var inspector = parser == null ? Optional.<Inspector>empty() : catalogue.inspector(parser);
        if (parser != null && inspector.isEmpty()) {
            err.println(FindingsOutput.printable("caretaker inspect: unknown parser '" + parser + "'; known: "
                    + String.join(", ", catalogue.inspectors().stream().map(Inspector::id).toList())));
            err.flush();
            return 3;
        }
        String text;
        try {
            text = file.equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            err.println(FindingsOutput.printable("caretaker inspect: cannot read " + file + ": " + e.getMessage()));
            err.flush();
            return 3;
        }
        if (inspector.isEmpty()) {
            Optional<ParserGuess> guess = ParserGuess.of(text, catalogue);
            if (guess.isEmpty()) {
                err.println(FindingsOutput.printable("caretaker inspect: no parser reads this output; "
                        + "name one (see --list): " + Excerpt.of(text)));
                err.flush();
                return 3;
            }
            err.println(FindingsOutput.printable("caretaker inspect: using parser " + guess.get().inspector().id()
                    + ": " + guess.get().reason() + " (name a parser to choose another)"));
            err.flush();
            inspector = Optional.of(guess.get().inspector());
        }
        List<Finding> findings = inspector.get().inspect(text);
        if (json) {
            FindingsOutput.json(findings, out);
        } else {
            FindingsOutput.table(findings, out);
        }
        return FindingsOutput.exitCode(findings);
    }
}
