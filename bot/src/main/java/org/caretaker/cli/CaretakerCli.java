package org.caretaker.cli;

import picocli.CommandLine.Command;

/** {@code caretaker}: the root command; each subcommand is one class. */
@Command(name = "caretaker",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Looks after a homelab: checks hosts over SSH, reports what changed, keeps the runbook.",
        exitCodeOnInvalidInput = 3,
        exitCodeOnExecutionException = 3,
        subcommands = {InitCli.class, CheckCli.class, InspectCli.class, HostsCli.class, ScheduleCli.class, RunCli.class,
                DiagCli.class, ValidateCli.class,
                SiteCli.class},
        footerHeading = "%nExit status:%n",
        footer = {"  0  all OK", "  1  WARN", "  2  CRIT, or a host unreachable",
                "  3  UNKNOWN, or a usage or configuration error",
                "The Nagios plugin convention, so cron and Nagios can use it as it is."})
public final class CaretakerCli {
}
