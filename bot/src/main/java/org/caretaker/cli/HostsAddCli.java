package org.caretaker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.caretaker.Caretaker;
import org.caretaker.config.Args;
import org.caretaker.config.ConfigException;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.HostsEdit;
import org.caretaker.config.KeyFiles;
import org.caretaker.config.RunnerConfig;
import org.caretaker.discover.Discovered;
import org.caretaker.discover.Discovery;
import org.caretaker.discover.Proposal;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.HostKeyScan;
import org.caretaker.exec.SshExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker hosts add}: trust the host's key on first use (shown, and trusted only after a yes or
 * {@code --trust}), log in, find out what the host runs, and append the proposed entry to the configuration
 * as a diff, keeping the file's comments and order, after a yes or {@code --yes}.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add an SSH host: trust its key, log in, discover what it runs and append the proposed entry.",
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class HostsAddCli implements Callable<Integer> {
    static final int REFUSED = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "The host's name in findings and chat (letters, digits, . _ -).")
    String name;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "Host name or IP address.")
    String address;

    @Option(names = "--port", defaultValue = "22", description = "SSH port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", defaultValue = "caretaker", description = "Login user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Private key (default: the key of the configured SSH hosts, else keys/caretaker_ed25519 beside the configuration).")
    Path key;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file to trust the key in (default: the configured hosts' file, else keys/known_hosts).")
    Path knownHosts;

    @Option(names = "--trust", paramLabel = "SHA256:...",
            description = "Trust the host key with this fingerprint without asking (compare it on the host's console first).")
    String trust;

    @Option(names = "--yes", description = "Write the proposed entry without asking.")
    boolean yes;

    Terminal terminal = Terminal.system();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = config.resolve();
        if (!Files.exists(file)) {
            return fail(err, "configuration file " + file + " not found; caretaker init writes a starter one", ConfigOption.CONFIG_ERROR);
        }
        Caretaker current = config.load(err);
        if (current == null) {
            return ConfigOption.CONFIG_ERROR;
        }
        if (current.config().hosts().stream().anyMatch(h -> h.name().equals(name))) {
            return fail(err, "a host named " + name + " is already in " + file + "; caretaker hosts check " + name
                    + " shows what changed on it", ConfigOption.CONFIG_ERROR);
        }
        Path base = file.toAbsolutePath().getParent();
        Optional<HostConfig> sibling = current.config().hosts().stream().filter(h -> !h.local()).findFirst();
        Path keyFile = key != null ? key.toAbsolutePath() : sibling.flatMap(HostConfig::key).orElse(base.resolve("keys/caretaker_ed25519"));
        Path khFile = knownHosts != null ? knownHosts.toAbsolutePath()
                : sibling.flatMap(HostConfig::knownHosts).orElse(base.resolve("keys/known_hosts"));
        if (!Files.isReadable(keyFile)) {
            return fail(err, "key " + keyFile + " does not exist or is not readable (make one: ssh-keygen -t ed25519 -N '' -C caretaker -f "
                    + keyFile + ")", ConfigOption.CONFIG_ERROR);
        }
        Optional<String> keyProblem = KeyFiles.problem(keyFile);
        if (keyProblem.isPresent()) {
            return fail(err, keyProblem.get(), ConfigOption.CONFIG_ERROR);
        }
        HostConfig host;
        try {
            host = new HostConfig(name, false, address, port, user, Optional.of(keyFile), Optional.of(khFile), false, Set.of(),
                    Expectations.NONE, Map.of());
        } catch (IllegalArgumentException e) {
            return fail(err, "host " + name + ": " + e.getMessage(), ConfigOption.CONFIG_ERROR);
        }
        if (trust != null && !trust.matches("SHA256:[A-Za-z0-9+/]{43}")) {
            return fail(err, "--trust takes a fingerprint as ssh-keygen -lf prints it (SHA256: and 43 characters), found '" + trust + "'",
                    ConfigOption.CONFIG_ERROR);
        }
        RunnerConfig r = current.config().runner();

        Discovered found;
        try {
            found = discover(host, r, out, err);
        } catch (ExecException e) {
            return fail(err, e.getMessage() + hint(e), REFUSED);
        }
        if (found == null) {
            return REFUSED;
        }
        Proposal proposal = Proposal.of(found);
        out.println("found on " + name + ":");
        proposal.found().forEach(l -> out.println("  " + FindingsOutput.printable(l)));
        proposal.notes().forEach(l -> out.println("  note: " + FindingsOutput.printable(l)));

        List<String> connection = new ArrayList<>();
        connection.add("name: " + name);
        connection.add("address: " + address);
        if (port != 22) {
            connection.add("port: " + port);
        }
        connection.add("user: " + user);
        connection.add("key: " + relative(base, keyFile));
        connection.add("known-hosts: " + relative(base, khFile));
        String before = Files.readString(file, StandardCharsets.UTF_8);
        HostsEdit.Edit edit = HostsEdit.append(before, proposal.yaml(connection, 0));
        out.println();
        edit.diff(file.getFileName().toString()).lines().forEach(l -> out.println(FindingsOutput.printable(l)));
        out.flush();

        // Never write a file the loader would refuse: try the edited text beside the original first.
        Path trial = Files.createTempFile(base, ".caretaker-", ".yaml");
        try {
            Files.writeString(trial, edit.after(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Caretaker.load(trial);
            } catch (ConfigException e) {
                e.problems().forEach(p -> err.println("  " + FindingsOutput.printable(p)));
                return fail(err, "the proposed entry does not load; " + file + " was not changed", ConfigOption.CONFIG_ERROR);
            }
            boolean write = yes || terminal.yes(out, "Write this to " + file + "?", false);
            if (!write) {
                out.println("nothing was written" + (terminal.interactive() ? "" : " (not a terminal: --yes writes it)"));
                out.flush();
                return 0;
            }
            if (!Files.readString(file, StandardCharsets.UTF_8).equals(before)) {
                return fail(err, file + " changed while this ran; nothing was written, run the command again", ConfigOption.CONFIG_ERROR);
            }
            Files.move(trial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(trial);
        }
        out.println(FindingsOutput.printable("wrote " + name + " to " + file + "; try it: caretaker check all --host " + name
                + " --config " + file));
        out.flush();
        return 0;
    }

    /**
     * Logs in, trusting the host key on first use, and runs discovery; null when the key was not trusted (the
     * reason is already printed).
     */
    private Discovered discover(HostConfig host, RunnerConfig r, PrintWriter out, PrintWriter err)
            throws ExecException, IOException, InterruptedException {
        try (SshExecutor ssh = new SshExecutor(host, r.connectTimeout(), r.outputCap(), r.perHost())) {
            ssh.connect();
            out.println(FindingsOutput.printable("host key of " + host.target() + " is already trusted in " + host.knownHosts().orElseThrow()));
            return Discovery.run(ssh);
        } catch (ExecException e) {
            if (e.kind() != ExecException.Kind.HOST_KEY || e.getMessage().contains("CHANGED")) {
                throw e;
            }
        }
        HostKeyScan.ScannedKey offered = HostKeyScan.fetch(address, port, r.connectTimeout());
        out.println(FindingsOutput.printable("host key of " + address + ":" + port + ": " + offered.type() + " " + offered.fingerprint()));
        out.println("compare it on the host's own console: ssh-keygen -lf /etc/ssh/ssh_host_"
                + keyFileType(offered.type()) + "_key.pub");
        out.flush();
        boolean trusted;
        if (trust != null) {
            trusted = trust.equals(offered.fingerprint());
            if (!trusted) {
                fail(err, "the host offered " + offered.fingerprint() + ", not the " + trust + " given with --trust; refused, nothing was written", 0);
                return null;
            }
        } else if (terminal.interactive()) {
            trusted = terminal.yes(out, "Trust this key?", false);
            if (!trusted) {
                fail(err, "host key not trusted; nothing was written", 0);
                return null;
            }
        } else {
            fail(err, "host key not trusted: not a terminal, so nobody could say yes; after comparing it, pass --trust "
                    + offered.fingerprint(), 0);
            return null;
        }
        Path kh = host.knownHosts().orElseThrow();
        if (kh.getParent() != null) {
            Files.createDirectories(kh.getParent());
        }
        String existing = Files.exists(kh) ? Files.readString(kh, StandardCharsets.UTF_8) : "";
        String line = offered.knownHostsLine(address, port);
        Files.writeString(kh, (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out.println(FindingsOutput.printable("trusted: added " + offered.type() + " " + offered.fingerprint() + " to " + kh));
        out.flush();
        try (SshExecutor ssh = new SshExecutor(host, r.connectTimeout(), r.outputCap(), r.perHost())) {
            ssh.connect();
            return Discovery.run(ssh);
        }
    }

    private static String keyFileType(String type) {
        return switch (type) {
            case "ssh-ed25519" -> "ed25519";
            case "ssh-rsa" -> "rsa";
            default -> type.startsWith("ecdsa") ? "ecdsa" : "*";
        };
    }

    private String hint(ExecException e) {
        if (e.kind() == ExecException.Kind.AUTH && e.getMessage().contains("refused key")) {
            return " (is the key's .pub line in ~" + user + "/.ssh/authorized_keys on " + address + "?)";
        }
        return "";
    }

    static String relative(Path base, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
        return Args.isAbsolutePath(abs.toString()) && s.matches("[A-Za-z0-9_@%+=:,./-]+") ? s : "\"" + s.replace("\"", "\\\"") + "\"";
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println(FindingsOutput.printable("caretaker: " + message));
        err.flush();
        return code;
    }
}
