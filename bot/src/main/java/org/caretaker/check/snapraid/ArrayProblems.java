package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trouble any SnapRAID command can run into before or instead of doing its work: another SnapRAID holding
 * the lock, a data disk that is gone or not mounted, content files missing or broken, disks without UUIDs,
 * and other fatal errors. Read from the human lines; pure.
 *
 * @param lockHeld        another SnapRAID run holds the array's lock ("SnapRAID is already in use!")
 * @param missingDisks    data disks whose files are all gone, or data or parity directories that cannot be accessed
 * @param contentWarnings a content file copy is missing or differs from another; SnapRAID went on with a copy
 * @param noContent       "No content file found. Assuming empty.": SnapRAID started from an empty array, which
 *                        is right only before the first sync
 * @param contentFailures a content file is truncated or damaged, and the command stopped
 * @param noUuid          disks SnapRAID cannot read a UUID for; moves on them look like removals plus additions
 * @param ramBroken       SnapRAID's self-test found memory errors ("DANGER! Your RAM memory is broken!")
 * @param errors          other lines that say something failed ("Error ...", "Failed ...", configuration
 *                        problems), as printed
 */
public record ArrayProblems(boolean lockHeld, List<MissingDisk> missingDisks, List<String> contentWarnings,
                     boolean noContent, List<String> contentFailures, List<String> noUuid, boolean ramBroken,
                     List<String> errors) {

    /**
     * A disk that is not there: by name when SnapRAID named it, else by its directory.
     *
     * @param role {@code data}, or the parity level ({@code parity}, {@code 2-parity}…) whose directory is gone
     */
    public record MissingDisk(String role, String disk, String dir, String line) {
        public String name() {
            return disk.isEmpty() ? dir : disk;
        }
    }

    private static final Pattern ALL_GONE = Pattern.compile(
            "WARNING! All the files previously present in disk '([^']*)' at dir '([^']*)'");
    private static final Pattern NOT_ACCESSIBLE = Pattern.compile("^Error accessing '([^']*)' '([^']*)'");
    private static final Pattern UUID = Pattern.compile("UUID is unsupported for disks?: (.*)");
    private static final Pattern CONFIG_MISSES = Pattern.compile("^No '[a-z-]+' specification in ");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final Pattern COPY_MISSING = Pattern.compile("^WARNING! Content file '([^']*)' not found");
    private static final Pattern COPIES_DIFFER = Pattern.compile("^WARNING! Content files '([^']*)' and '([^']*)' have a different size");

    public ArrayProblems {
        missingDisks = List.copyOf(missingDisks);
        contentWarnings = List.copyOf(contentWarnings);
        contentFailures = List.copyOf(contentFailures);
        noUuid = List.copyOf(noUuid);
        errors = List.copyOf(errors);
    }

    static ArrayProblems scan(List<String> lines) {
        boolean lock = false;
        List<MissingDisk> missing = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean noContent = false;
        List<String> failures = new ArrayList<>();
        Set<String> noUuid = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        boolean ram = false;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher m;
            if (line.equals("SnapRAID is already in use!") || line.startsWith("The lock file ")
                    && line.endsWith("is already locked!")) {
                lock = true;
            } else if ((m = ALL_GONE.matcher(line)).find()) {
                missing.add(new MissingDisk("data", m.group(1), m.group(2), line));
            } else if ((m = NOT_ACCESSIBLE.matcher(line)).find()) {
                String role = m.group(1).equals("disk") ? "data" : m.group(1);
                missing.add(new MissingDisk(role, "", m.group(2), line));
            } else if ((m = UUID.matcher(line)).find()) {
                Matcher q = QUOTED.matcher(m.group(1));
                while (q.find()) {
                    noUuid.add(q.group(1));
                }
            } else if ((m = COPY_MISSING.matcher(line)).find()) {
                warnings.add("content file " + m.group(1) + " not found (another copy was used)");
            } else if ((m = COPIES_DIFFER.matcher(line)).find()) {
                warnings.add("content files " + m.group(1) + " and " + m.group(2) + " differ in size: one of them is broken");
            } else if (line.startsWith("No content file found")) {
                noContent = true;
            } else if (line.startsWith("Unexpected end of content file")
                    || line.startsWith("Damaged content file")
                    || isError(line) && line.contains("content") && !CONFIG_MISSES.matcher(line).find()) {
                failures.add(line);
            } else if (line.startsWith("DANGER! Your RAM")) {
                ram = true;
            } else if (isError(line)) {
                errors.add(line);
            }
        }
        return new ArrayProblems(lock, missing, warnings, noContent, failures, List.copyOf(noUuid), ram, errors);
    }

    private static boolean isError(String line) {
        return line.startsWith("Error ") || line.startsWith("Failed ")
                || line.startsWith("No configuration file found") || CONFIG_MISSES.matcher(line).find();
    }

    /** Nothing here stops or spoils the command's own report. */
    public boolean none() {
        return !lockHeld && missingDisks.isEmpty() && contentWarnings.isEmpty() && !noContent && contentFailures.isEmpty()
                && noUuid.isEmpty() && !ramBroken && errors.isEmpty();
    }

    /** Something was recognised that explains output without a report of its own. */
    boolean explainsMissingReport() {
        return lockHeld || !missingDisks.isEmpty() || !contentFailures.isEmpty() || ramBroken || !errors.isEmpty();
    }
}
