package org.caretaker.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.caretaker.config.Args;

/**
 * A command to run on a host: either an argument vector (each argument quoted for the remote shell), or a
 * fixed script that is part of Caretaker's own source. There is deliberately no way to build a command from
 * a string that came from chat or config: arguments from config go into {@link #argv} one by one, after
 * {@link Args} has validated them.
 *
 * <p>Every command runs with {@code LC_ALL=C} (so tools print the English, dot-decimal output the parsers
 * expect) and under {@code timeout}, so a command hung on a stale mount dies on the host too, not only in
 * our client.
 *
 * @param argv    the program and its arguments; for a script: {@code sh -c <script>}
 * @param timeout how long the command may run before it is killed on the host
 * @param label   a short name for logs and findings
 * @param root    the command needs root; on hosts configured with {@code sudo: true} it runs under
 *                {@code sudo -n} (never prompting), elsewhere as the login user
 */
public record Command(List<String> argv, Duration timeout, String label, boolean root) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        for (String a : argv) {
            Args.requireNoControlCharacters(a);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        label = label == null || label.isBlank() ? argv.get(0) : label;
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), DEFAULT_TIMEOUT, null, false);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, DEFAULT_TIMEOUT, null, false);
    }

    /**
     * A fixed shell script written in Caretaker's source (pipes, fallbacks, {@code ||}). Never pass text that
     * came from outside: use {@link #of(String...)} and {@link Args} for that.
     */
    public static Command script(String label, String fixedScript) {
        return new Command(List.of("sh", "-c", fixedScript), DEFAULT_TIMEOUT, label, false);
    }

    public Command withTimeout(Duration t) {
        return new Command(argv, t, label, root);
    }

    public Command withLabel(String l) {
        return new Command(argv, timeout, l, root);
    }

    /**
     * Marks the command as needing root (smartctl, snapraid, pvesh). Only programs can be: a sudo rule that
     * allowed {@code sh -c} would hand out a root shell, so a script is refused here, in one place.
     */
    public Command asRoot() {
        if (isShell(argv.get(0))) {
            throw new IllegalStateException("a shell script cannot run as root (" + label + "): run the program itself");
        }
        return new Command(argv, timeout, label, true);
    }

    private static boolean isShell(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("sh") || name.equals("bash") || name.equals("dash") || name.equals("zsh") || name.equals("env");
    }

    /** Seconds for the host-side {@code timeout}, at least 1. */
    public long timeoutSeconds() {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /**
     * The line sent to a remote shell: {@code env LC_ALL=C timeout -k 5 <secs> [sudo -n] <argv...>}, each
     * argument quoted.
     * {@code -k} makes timeout send KILL when TERM is ignored (a process in a hung syscall may ignore TERM).
     */
    public String remoteLine(boolean sudo) {
        StringBuilder sb = new StringBuilder("env LC_ALL=C timeout -k 5 ").append(timeoutSeconds());
        if (sudo && root) {
            sb.append(" sudo -n");
        }
        for (String a : argv) {
            sb.append(' ').append(quote(a));
        }
        return sb.toString();
    }

    /** POSIX single-quote quoting; safe words are left bare for readable logs. */
    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE_WORD.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return label;
    }
}
