package org.caretaker.check.systemd;

import java.util.HexFormat;
import java.util.List;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code failed-units}: every unit systemd lists as failed is CRIT. Failed mount and automount units get a
 * message that names the path, because a CIFS share that did not mount leaves services writing into an empty
 * directory on the root disk.
 */
public final class FailedUnitsCheck implements Check {
    public static final String ID = "failed-units";
    static final String RUNBOOK = "runbook/systemd#failed-units";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "systemd units in the failed state (systemctl --failed): each one is CRIT";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        // Without systemd there are no units to fail; the tag says so, instead of an UNKNOWN on every run.
        return !host.hasTag("no-systemd");
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("systemctl-failed", "output of `systemctl --failed` (with or without --plain --no-legend)",
                ID, thresholdDefaults(), FailedUnitsCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        List<FailedUnit> units = FailedUnitsParser.parse(text, f::skip);
        if (units.isEmpty()) {
            f.ok("-", "no failed systemd units").metric("failed_units", 0).runbook(RUNBOOK);
            return;
        }
        for (FailedUnit u : units) {
            f.crit(u.unit(), message(u)).metric("failed_units", units.size()).runbook(RUNBOOK);
        }
    }

    static String message(FailedUnit u) {
        String loadNote = u.load().equals("loaded") ? "" : "; its unit file is " + u.load();
        return switch (u.type()) {
            case "mount" -> u.unit() + " failed: " + mountPath(u.unit())
                    + " is not mounted (for a CIFS or NFS share, check the server and the credentials)" + loadNote;
            case "automount" -> u.unit() + " failed: " + mountPath(u.unit())
                    + " will not be mounted on access (CIFS/NFS automount)" + loadNote;
            default -> u.unit() + " failed" + (u.description().isEmpty() || u.description().equals(u.unit())
                    ? "" : " (" + u.description() + ")") + loadNote;
        };
    }

    /** Undoes systemd's path escaping of mount unit names: {@code mnt-nas\x2dmedia.mount} is /mnt/nas-media. */
    static String mountPath(String unit) {
        String name = unit.substring(0, unit.lastIndexOf('.'));
        if (name.equals("-")) {
            return "/";
        }
        StringBuilder sb = new StringBuilder("/");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-') {
                sb.append('/');
            } else if (c == '\\' && i + 3 < name.length() && name.charAt(i + 1) == 'x'
                    && HexFormat.isHexDigit(name.charAt(i + 2)) && HexFormat.isHexDigit(name.charAt(i + 3))) {
                sb.append((char) HexFormat.fromHexDigits(name, i + 2, i + 4));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        CommandOutput out = ctx.exec(Command.of("systemctl", "--failed", "--no-legend", "--plain", "--no-pager"));
        ToolMissingException.check(out, "systemctl");
        FailedUnitsParser.requireSystemd(out.combined());
        if (out.exitCode() != 0) {
            throw new UnparseableOutputException("systemctl --failed exited with status " + out.exitCode(), out.combined());
        }
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }
}
