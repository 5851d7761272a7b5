package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * {@code snapraid sync|scrub|check|fix} text → {@link RunReport}. These commands share their ending: a
 * progress line, the wait-time chart, error counters, then "Everything OK" or a DANGER/WARNING line. The
 * {@code summary:error_*} log tags fill counters the human text lacks. Pure.
 */
public final class RunParser {
    private static final Pattern COMPLETED = Pattern.compile("(\\d{1,3})% completed, (\\d{1,15}) MB accessed");
    private static final Pattern PROGRESS = Pattern.compile("^(\\d{1,3})%, \\d{1,15} MB");
    private static final Pattern COUNTER = Pattern.compile(
            "^\\s*(\\d{1,15}) (file errors|io errors|data errors|errors|recovered errors|unrecoverable errors)$");
    private static final Pattern FILE_LINE = Pattern.compile(
            "^(Data error in |Missing file |recoverable |unrecoverable |recovered |unrecovered |Error reading |"
                    + "Error writing |Input/Output error |Parity error |Data error at )");

    private RunParser() {
    }

    public static RunReport parse(RunReport.Command command, String text) throws UnparseableOutputException {
        SnapraidOutput out = SnapraidOutput.of(text);
        if (out.blank()) {
            throw new UnparseableOutputException("snapraid " + command.word() + " printed nothing", text);
        }
        ArrayProblems problems = ArrayProblems.scan(out.lines());
        OptionalInt percent = OptionalInt.empty();
        OptionalLong mb = OptionalLong.empty();
        OptionalLong[] counters = new OptionalLong[6];
        Arrays.fill(counters, OptionalLong.empty());
        List<String> fileLines = new ArrayList<>();
        boolean ok = false;
        boolean nothing = false;
        boolean interrupted = false;
        boolean announced = false;
        boolean started = false;
        RunReport.Command ran = command;
        for (String raw : out.lines()) {
            String line = raw.strip();
            Matcher m;
            if ((m = COMPLETED.matcher(line)).find()) {
                percent = OptionalInt.of(Integer.parseInt(m.group(1)));
                mb = OptionalLong.of(Long.parseLong(m.group(2)));
                started = true;
            } else if ((m = PROGRESS.matcher(line)).find()) {
                percent = OptionalInt.of(Integer.parseInt(m.group(1)));
                started = true;
            } else if ((m = COUNTER.matcher(raw)).matches()) {
                int slot = switch (m.group(2)) {
                    case "file errors" -> 0;
                    case "io errors" -> 1;
                    case "data errors" -> 2;
                    case "errors" -> 3;
                    case "recovered errors" -> 4;
                    default -> 5;
                };
                counters[slot] = OptionalLong.of(Long.parseLong(m.group(1)));
            } else if (line.equals("Everything OK")) {
                ok = true;
            } else if (line.startsWith("Nothing to do")) {
                nothing = true;
            } else if (line.startsWith("Stopping for interruption") || line.startsWith("Not starting for interruption")) {
                interrupted = true;
            } else if (line.startsWith("DANGER! Unexpected") || line.startsWith("WARNING! There are errors")
                    || line.startsWith("WARNING! Unexpected") || line.startsWith("DANGER! There are unrecoverable")) {
                announced = true;
            } else if (line.equals("Fixing...")) {
                // "snapraid check" and "snapraid -e fix" end alike; the phase line tells them apart.
                ran = RunReport.Command.FIX;
                started = true;
            } else if (line.equals("Syncing...") || line.equals("Scrubbing...") || line.equals("Checking...")) {
                started = true;
            }
            if (FILE_LINE.matcher(line).find() && fileLines.size() < RunReport.MAX_LINES) {
                fileLines.add(line);
            }
        }
        String[] tags = {"error_file", "error_io", "error_data"};
        for (int i = 0; i < tags.length; i++) {
            if (counters[i].isEmpty()) {
                counters[i] = out.number(tags[i]);
            }
        }
        boolean counted = false;
        for (OptionalLong c : counters) {
            counted |= c.isPresent() && c.getAsLong() > 0;
        }
        // A fix that recovered everything counts errors yet ends "Everything OK".
        long unrecovered = counters[3].orElse(0) - counters[4].orElse(0);
        boolean errorsLeft = counters[0].orElse(0) + counters[1].orElse(0) + counters[2].orElse(0) > 0
                || counters[5].orElse(0) > 0 || (counters[4].isEmpty() ? counters[3].orElse(0) > 0 : unrecovered > 0);
        RunReport.Outcome outcome;
        if (interrupted) {
            outcome = RunReport.Outcome.INTERRUPTED;
        } else if (announced || errorsLeft || counted && !ok) {
            outcome = RunReport.Outcome.ERRORS;
        } else if (ok) {
            outcome = RunReport.Outcome.OK;
        } else if (nothing) {
            outcome = RunReport.Outcome.NOTHING_TO_DO;
        } else if (problems.explainsMissingReport()) {
            outcome = RunReport.Outcome.REFUSED;
        } else if (started) {
            outcome = RunReport.Outcome.UNFINISHED;
        } else {
            throw new UnparseableOutputException("no ending of a snapraid " + command.word()
                    + " (Everything OK, error counts, Nothing to do) in the output", text);
        }
        return new RunReport(ran, outcome, percent, mb, counters[0], counters[1], counters[2], counters[3],
                counters[4], counters[5], fileLines, problems);
    }
}
