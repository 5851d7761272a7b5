package org.caretaker.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the parser for output someone pasted without saying what it is ({@code caretaker inspect -}). Most
 * tools leave a mark that no other tool prints (a header, a key, a phrase); those marks are tried first, in an
 * order where the more particular mark wins. When none is there, every parser is tried and the one that judged
 * the text while leaving out the fewest lines is taken, the kernel log last because it reads any timestamped
 * line. The answer says which parser was chosen and why, so a wrong guess is visible and can be overridden.
 *
 * @param inspector the chosen parser
 * @param reason    why, for people: "it has a zpool status 'pool:' and 'state:' line"
 */
public record ParserGuess(Inspector inspector, String reason) {

    private record Mark(String parser, Pattern pattern, String says) {
        Mark(String parser, String regex, String says) {
            this(parser, Pattern.compile(regex, Pattern.MULTILINE), says);
        }
    }

    private static final List<Mark> MARKS = List.of(
            new Mark("smartctl-json", "\"smartctl\"\\s*:\\s*\\{", "it is JSON with a \"smartctl\" object"),
            new Mark("findmnt", "\\{\\s*\"filesystems\"\\s*:", "it is JSON with a \"filesystems\" list"),
            new Mark("prometheus-targets", "\"activeTargets\"\\s*:", "it is JSON with \"activeTargets\""),
            new Mark("kubectl-nodes", "\"kind\"\\s*:\\s*\"Node\"", "it is JSON listing objects of kind Node"),
            new Mark("kubectl-pods", "\"kind\"\\s*:\\s*\"Pod\"|\"kind\"\\s*:\\s*\"PodList\"", "it is JSON listing objects of kind Pod"),
            new Mark("docker-inspect", "\"HostConfig\"\\s*:\\s*\\{\\s*\"Binds\"|\"RestartCount\"\\s*:", "it is JSON with docker inspect's \"RestartCount\""),
            new Mark("docker-ps", "^\\s*\\[?\\s*\\{.*\"(?:Names|ID)\"\\s*:.*\"(?:State|Status)\"\\s*:", "it has docker ps lines with \"Names\" and \"State\""),
            new Mark("docker-ps", "\"Names\"\\s*:\\s*\\[", "it is JSON with the Engine API's \"Names\" lists"),
            new Mark("pvesh-tasks", "\"upid\"\\s*:", "it is JSON with Proxmox task \"upid\"s"),
            new Mark("pvesh-storage", "\"storage\"\\s*:.*|\"avail\"\\s*:", "it is JSON with Proxmox \"storage\" entries"),
            new Mark("snapraid-smart", "SnapRAID SMART report:|Probability that at least one disk is going to fail", "it has SnapRAID's SMART report"),
            new Mark("snapraid-status", "SnapRAID status report:", "it has SnapRAID's status report"),
            new Mark("snapraid-sync", "^(?:msg:progress: )?Syncing\\.\\.\\.|^command:sync$", "it has SnapRAID's \"Syncing...\""),
            new Mark("snapraid-scrub", "^(?:msg:progress: )?Scrubbing\\.\\.\\.|^command:scrub$", "it has SnapRAID's \"Scrubbing...\""),
            new Mark("snapraid-check", "^(?:msg:progress: )?(?:Checking|Fixing)\\.\\.\\.|^command:(?:check|fix)$", "it has SnapRAID's \"Checking...\" or \"Fixing...\""),
            new Mark("snapraid-diff", "^(?:msg:progress: )?Comparing\\.\\.\\.|^command:diff$", "it has SnapRAID's \"Comparing...\""),
            new Mark("smartctl-text", "^smartctl \\d|=== START OF (?:READ SMART DATA|INFORMATION|SMART DATA) SECTION ===", "it has smartctl's banner or section headings"),
            new Mark("zpool-status", "^\\s*pool: \\S+[\\s\\S]*^\\s*state: [A-Z]+", "it has zpool status 'pool:' and 'state:' lines"),
            new Mark("zpool-list", "^NAME\\s+SIZE\\s+ALLOC\\s+FREE\\s+.*\\bCAP\\b.*\\bHEALTH\\b", "its header is zpool list's (NAME SIZE ALLOC FREE ... CAP ... HEALTH)"),
            new Mark("meminfo", "^MemTotal:\\s+\\d+ kB", "it has /proc/meminfo's MemTotal"),
            new Mark("df-inodes", "^\\S+\\s+(?:Type\\s+)?Inodes\\s+IUsed\\s+IFree\\s+IUse%", "its header is df -i's (Inodes IUsed IFree IUse%)"),
            new Mark("df", "^(?:Filesystem|Dateisystem|Sys\\. de fichiers|S\\.ficheros|File system)\\s+(?:Type\\s+|Typ\\s+)?\\S+\\s+\\S+\\s+\\S+\\s+\\S+%?", "its header is df's"),
            new Mark("findmnt", "^TARGET\\s+SOURCE\\s+FSTYPE", "its header is findmnt's (TARGET SOURCE FSTYPE)"),
            new Mark("systemctl-failed", "^\\s*UNIT\\s+LOAD\\s+ACTIVE\\s+SUB|\\d+ loaded units? listed\\.|^\\s*(?:[●×*]\\s*)?\\S+\\.(?:service|mount|socket|timer|automount)\\s+(?:loaded|not-found|masked|error)\\s+failed", "it lists units the way systemctl --failed does"));

    /** What the text looks like; the marks decide, else a trial of every parser. Empty for empty text. */
    public static Optional<ParserGuess> of(String pasted, Catalogue catalogue) {
        String text = PastedText.clean(pasted);
        if (text.isBlank()) {
            return Optional.empty();
        }
        for (Mark m : MARKS) {
            if (m.pattern.matcher(text).find()) {
                Optional<Inspector> i = catalogue.inspector(m.parser);
                if (i.isPresent()) {
                    return Optional.of(new ParserGuess(i.get(), m.says));
                }
            }
        }
        return trial(text, catalogue);
    }

    private static Optional<ParserGuess> trial(String text, Catalogue catalogue) {
        record Tried(Inspector inspector, int order, long left) {
        }
        List<Tried> judged = new ArrayList<>();
        List<Inspector> all = catalogue.inspectors();
        for (int n = 0; n < all.size(); n++) {
            Inspector i = all.get(n);
            List<Finding> findings = i.inspect(text);
            boolean refused = findings.stream().anyMatch(f -> f.severity() == Severity.UNKNOWN
                    && f.runbook().equals(Runbook.UNKNOWN_OUTPUT));
            if (!refused) {
                long left = findings.stream().filter(f -> f.message().contains(" not understood, first: ")).count();
                judged.add(new Tried(i, i.id().equals("kernel-log") ? Integer.MAX_VALUE : n, left));
            }
        }
        return judged.stream()
                .min(Comparator.comparingLong(Tried::left).thenComparingInt(Tried::order))
                .map(t -> new ParserGuess(t.inspector, "no parser's mark was found, and " + t.inspector.id()
                        + " judged the text " + (t.left == 0 ? "without leaving out a line" : "leaving out the fewest lines")));
    }
}
