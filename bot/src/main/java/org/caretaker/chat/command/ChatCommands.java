package org.caretaker.chat.command;

import java.time.Clock;
import org.caretaker.alert.Acknowledger;
import org.caretaker.chat.AccessPolicy;
import org.caretaker.chat.CommandRegistry;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.diag.BootValidation;
import org.caretaker.diag.BundleArchive;
import org.caretaker.diag.Diagnostics;
import org.caretaker.discover.HostDiscovery;
import org.caretaker.job.Checks;
import org.caretaker.job.Jobs;
import org.caretaker.maintenance.Procedures;
import org.caretaker.maintenance.SyncBlocks;
import org.caretaker.store.HistoryStore;

/** Every chat command of the running bot, in the order {@code /help} lists them. A new command is one line here. */
public final class ChatCommands {

    /** What the commands talk to; each is a narrow port, so tests hand in fakes. */
    public record Ports(HistoryStore history, Checks checks, Jobs jobs, Acknowledger acks, Procedures procedures, SyncBlocks blocks,
                       Diagnostics diagnostics, DiagCommand.Recorder diagnoses, BootValidation validation, HostDiscovery discovery) {
    }

    private ChatCommands() {
    }

    public static CommandRegistry standard(CaretakerConfig config, Ports p, AccessPolicy access, Clock clock) {
        CommandRegistry registry = new CommandRegistry();
        registry.register(new StatusCommand(p.history(), clock.getZone(), p.acks()))
                .register(new CheckCommand(p.checks()))
                .register(new ScheduleCommand(p.jobs()))
                .register(new RunCommand(p.jobs()))
                .register(new AckCommand(p.acks()))
                .register(new SnapraidCommand(p.checks(), p.procedures(), p.blocks(), config.maintenance().weekly().approvalTtl(), clock))
                .register(new ZpoolCommand(p.checks()))
                .register(new SmartCommand(p.checks()))
                .register(new DiagCommand(p.diagnostics(), new BundleArchive(config.store().dataDir()), p.diagnoses()))
                .register(new ValidateCommand(p.validation(), config.hosts(), config.validate()))
                .register(new HostsCommand(p.discovery(), config.hosts()))
                .register(new HelpCommand(registry, access));
        return registry;
    }
}
