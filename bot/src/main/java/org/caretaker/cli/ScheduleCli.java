package org.caretaker.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.config.ConfigException;
import org.caretaker.schedule.Schedule;
import org.caretaker.schedule.ScheduleLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker schedule list}: the scheduled jobs as the files define them, with their next fires. It reads
 * the schedules directory and computes from the cron expressions, so it works with no bot running — handy to
 * check a new schedule file before restarting the bot.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "The scheduled jobs (schedules/*.yaml).",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3,
        subcommands = ScheduleCli.ListJobs.class)
public final class ScheduleCli {

    /** {@code caretaker schedule list [--config F]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List each job: cron, zone, next three fires, hosts, checks and report policy.",
            exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
    public static final class ListJobs implements Callable<Integer> {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Caretaker caretaker = config.load(err);
            if (caretaker == null) {
                return ConfigOption.CONFIG_ERROR;
            }
            ZoneId botZone = caretaker.clock().getZone();
            ScheduleLoader loader = new ScheduleLoader(
                    caretaker.catalogue().checkIds(), botZone, ScheduleLoader.Lab.of(caretaker.config()));
            List<Schedule> schedules;
            try {
                schedules = loader.load(caretaker.config().schedules());
            } catch (ConfigException e) {
                err.println("caretaker: the schedules are not usable:");
                for (String problem : e.problems()) {
                    err.println("  " + problem);
                }
                err.flush();
                return ConfigOption.CONFIG_ERROR;
            }
            if (schedules.isEmpty()) {
                out.println("no scheduled jobs in " + caretaker.config().schedules());
            }
            Instant now = caretaker.clock().instant();
            for (Schedule s : schedules) {
                out.println(s.id() + (s.description().isEmpty() ? "" : "  " + s.description()));
                out.println("  cron:    " + s.cron() + "  (" + s.zone().getId() + ")");
                out.println("  next:    " + String.join(", ", s.nextFires(now, 3).stream().map(t -> WHEN.format(t.atZone(s.zone()))).toList()));
                out.println("  hosts:   " + s.hosts().describe());
                s.procedure().ifPresent(p -> out.println("  runs:    " + p + ", then the checks"));
                out.println("  checks:  " + String.join(", ", s.checks()));
                out.println("  report:  " + s.report().id() + (s.channels().isEmpty() ? "" : " to " + String.join(", ", s.channels())));
                out.println("  misfire: " + s.misfire().id() + (s.deadline().isPresent() ? "; deadline " + duration(s.deadline().get()) : ""));
                if (s.changesHosts()) {
                    out.println("  changes hosts: starting it by hand needs an admin and a confirmation");
                }
                if (!s.disturbs().isEmpty()) {
                    out.println("  silences while running: " + String.join(", ", s.disturbs()));
                }
            }
            out.flush();
            return 0;
        }

        /** The way schedule files write it: 12h, 45m, 90s. */
        static String duration(Duration d) {
            if (d.toSeconds() % 3600 == 0) {
                return d.toHours() + "h";
            }
            return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
        }
    }
}
