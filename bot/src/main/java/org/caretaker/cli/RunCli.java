package org.caretaker.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.caretaker.Bot;
import org.caretaker.Caretaker;
import org.caretaker.config.ConfigException;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Trigger;
import org.caretaker.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker run}: the bot itself — scheduler, chat adapters, outbox sender, HTTP server — until it is
 * stopped with Ctrl-C or SIGTERM. The console adapter reads commands from stdin; when stdin ends (a pipe,
 * or {@code /dev/null} under systemd) the bot keeps running.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bot: scheduled jobs, chat commands (the console reads stdin), /healthz and /metrics.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class RunCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--now", paramLabel = "JOB",
            description = "Also start this scheduled job right away (repeatable), e.g. --now daily-sanity.")
    List<String> now = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Caretaker caretaker = config.load(err);
        if (caretaker == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Bot bot;
        try {
            bot = new Bot(caretaker, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
                    System.console() != null);
        } catch (ConfigException e) {
            err.println("caretaker: the schedules are not usable; nothing was started:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return ConfigOption.CONFIG_ERROR;
        } catch (StoreException e) {
            err.println("caretaker: " + e.getMessage());
            err.flush();
            return ConfigOption.CONFIG_ERROR;
        } catch (java.io.IOException e) {
            var http = caretaker.config().http();
            err.println("caretaker: cannot listen on " + http.host() + ":" + http.port() + " (" + e.getMessage()
                    + "); is another caretaker running? Set http.listen to another address.");
            err.flush();
            return ConfigOption.CONFIG_ERROR;
        }
        for (String job : now) {
            if (bot.scheduler().schedule(job).isEmpty()) {
                err.println("caretaker: --now " + job + ": no such job; the jobs are "
                        + String.join(", ", bot.scheduler().list().stream().map(JobInfo::id).toList()));
                err.flush();
                bot.close();
                return ConfigOption.CONFIG_ERROR;
            }
        }
        try {
            bot.start();
        } catch (Exception e) {
            err.println("caretaker: cannot start: " + e.getMessage());
            err.flush();
            bot.close();
            return ConfigOption.CONFIG_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            stopped.countDown();
        }, "shutdown"));
        var c = caretaker.config();
        out.println("caretaker is running: " + c.hosts().size() + " host(s), " + bot.scheduler().list().size()
                + " scheduled job(s), http://" + c.http().host() + ":" + bot.httpPort() + "/metrics");
        for (String job : now) {
            out.println(bot.scheduler().start(job, new Trigger("cli", "command line")));
        }
        out.println(c.chat().console()
                ? "Type /help for commands, /status for the latest state. Stop with Ctrl-C."
                : "The console is off (chat.console: false); commands come from chat. Stop with Ctrl-C or SIGTERM.");
        stopped.await();
        return 0;
    }
}
