package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * {@code snapraid status} text → {@link ArrayStatus}. Reads the wording of 12.x (Debian 12's "vnone" build
 * included) and 13.x ("The 41% of the array…" became "41% of the array…", "files with zero sub-second" gained
 * an "a"), ignores a pasted shell prompt, and fills what the human report lacks from the {@code -l} log tags
 * when they are interleaved. Pure: text in, record out.
 */
public final class StatusParser {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s+(\\S+))?$");
    private static final Pattern SCRUB_AGE = Pattern.compile(
            "The oldest block was scrubbed (\\d{1,9}) days ago, the median (\\d{1,9}), the newest (\\d{1,9})");
    private static final Pattern SYNC_AT = Pattern.compile("You have a sync in progress at (\\d{1,3})%");
    private static final Pattern UNSCRUBBED = Pattern.compile("^(?:The )?(\\d{1,3})% of the array is not scrubbed");
    private static final Pattern ZERO = Pattern.compile("You have (\\d{1,12}) files? with (?:a )?zero sub-second timestamp");
    private static final Pattern REHASH = Pattern.compile("You have a rehash in progress at (\\d{1,3})%");
    private static final Pattern DANGER = Pattern.compile("DANGER! In the array there are (\\d{1,12}) errors?!");
    private static final Pattern BLOCKS = Pattern.compile("They are from block (\\d+) to (\\d+)");

    private StatusParser() {
    }

    public static ArrayStatus parse(String text) throws UnparseableOutputException {
        return UnparseableOutputException.numbersInRange("status report", text, () -> parseNumbers(text));
    }

    private static ArrayStatus parseNumbers(String text) throws UnparseableOutputException {
        SnapraidOutput out = SnapraidOutput.of(text);
        if (out.blank()) {
            throw new UnparseableOutputException("snapraid status printed nothing", text);
        }
        ArrayProblems problems = ArrayProblems.scan(out.lines());
        boolean reported = false;
        boolean afterRule = false;
        List<ArrayStatus.DiskRow> disks = new ArrayList<>();
        OptionalLong files = OptionalLong.empty();
        Optional<ArrayStatus.ScrubAge> age = Optional.empty();
        Optional<Boolean> synced = Optional.empty();
        OptionalInt syncPercent = OptionalInt.empty();
        OptionalInt unscrubbed = OptionalInt.empty();
        OptionalLong zero = OptionalLong.empty();
        OptionalInt rehash = OptionalInt.empty();
        OptionalLong errors = OptionalLong.empty();
        String errorBlocks = "";
        boolean empty = false;
        boolean future = false;
        for (String raw : out.lines()) {
            String line = raw.strip();
            Matcher m;
            if (line.equals("SnapRAID status report:")) {
                reported = true;
            } else if (reported && !afterRule && line.startsWith("-----")) {
                afterRule = true;
            } else if (reported && (m = ROW.matcher(raw)).matches()) {
                if (afterRule && m.group(8) == null) {
                    files = OptionalLong.of(Long.parseLong(m.group(1)));
                } else if (!afterRule && m.group(8) != null) {
                    disks.add(new ArrayStatus.DiskRow(m.group(8), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                            Long.parseLong(m.group(3)), decimal(m.group(4)), decimal(m.group(5)), decimal(m.group(6)),
                            percent(m.group(7))));
                }
            } else if ((m = SCRUB_AGE.matcher(line)).find()) {
                age = Optional.of(new ArrayStatus.ScrubAge(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3))));
            } else if (line.startsWith("WARNING! You have scrub dates in the future")) {
                future = true;
            } else if (line.equals("No sync is in progress.")) {
                synced = Optional.of(true);
            } else if (line.startsWith("WARNING! The array is NOT fully synced")) {
                synced = Optional.of(false);
            } else if ((m = SYNC_AT.matcher(line)).find()) {
                synced = Optional.of(false);
                syncPercent = OptionalInt.of(Integer.parseInt(m.group(1)));
            } else if ((m = UNSCRUBBED.matcher(line)).find()) {
                unscrubbed = OptionalInt.of(Integer.parseInt(m.group(1)));
            } else if (line.startsWith("The full array was scrubbed at least one time")) {
                unscrubbed = OptionalInt.of(0);
            } else if ((m = ZERO.matcher(line)).find()) {
                zero = OptionalLong.of(Long.parseLong(m.group(1)));
            } else if (line.startsWith("No file has a zero sub-second timestamp")) {
                zero = OptionalLong.of(0);
            } else if ((m = REHASH.matcher(line)).find()) {
                rehash = OptionalInt.of(Integer.parseInt(m.group(1)));
            } else if ((m = DANGER.matcher(line)).find()) {
                errors = OptionalLong.of(Long.parseLong(m.group(1)));
            } else if ((m = BLOCKS.matcher(line)).find()) {
                errorBlocks = m.group(1).equals(m.group(2)) ? "block " + m.group(1)
                        : "blocks " + m.group(1) + " to " + m.group(2);
            } else if (line.equals("No error detected.")) {
                errors = OptionalLong.of(0);
            } else if (line.equals("The array is empty.")) {
                empty = true;
            }
        }
        // The log tags stand in for what the human report did not say (a report cut short, or a newer wording).
        if (errors.isEmpty()) {
            errors = out.tag("has_bad").map(v -> v.split(":")[0]).filter(v -> v.matches("\\d{1,12}"))
                    .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
        }
        if (synced.isEmpty() && out.number("has_unsynced").isPresent()) {
            synced = Optional.of(out.number("has_unsynced").getAsLong() == 0);
        }
        if (age.isEmpty() && out.number("scrub_oldest_days").isPresent()) {
            age = Optional.of(new ArrayStatus.ScrubAge(out.number("scrub_oldest_days").getAsLong(),
                    out.number("scrub_median_days").orElse(0), out.number("scrub_newest_days").orElse(0)));
        }
        if (zero.isEmpty()) {
            zero = out.number("zerosubsecond_file_count");
        }
        if (files.isEmpty()) {
            files = out.number("file_count");
        }
        boolean said = reported || errors.isPresent() || synced.isPresent() || empty;
        if (!said && !problems.explainsMissingReport()) {
            throw new UnparseableOutputException("no SnapRAID status report in the output", text);
        }
        return new ArrayStatus(reported, disks, files, age, synced, syncPercent, unscrubbed, zero, rehash, errors,
                errorBlocks, empty, future, problems);
    }

    private static OptionalDouble decimal(String s) {
        return s.matches("\\d{1,15}(\\.\\d{1,6})?") ? OptionalDouble.of(Double.parseDouble(s)) : OptionalDouble.empty();
    }

    private static OptionalInt percent(String s) {
        return s.matches("\\d{1,3}%") ? OptionalInt.of(Integer.parseInt(s.substring(0, s.length() - 1))) : OptionalInt.empty();
    }
}
