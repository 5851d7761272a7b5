package org.caretaker.check.k8s;

import java.util.List;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Recognises kubectl's own complaints (no API server, unreadable kubeconfig, no permission) so they read as
 * such instead of as unreadable output. kubectl repeats client-side retries as klog lines
 * ({@code E1123 19:17:48.513876 ... memcache.go:265]}) before its one-line summary; the summary is quoted.
 */
final class KubectlErrors {
    static final String UNREACHABLE = "kubectl cannot reach the Kubernetes API server";
    static final String KUBECONFIG = "kubectl cannot read its kubeconfig: set sudo: true for this host "
            + "or make the k3s kubeconfig readable (write-kubeconfig-mode)";
    static final String DENIED = "the Kubernetes API server refused kubectl's credentials";
    private static final Pattern KLOG = Pattern.compile("^[IWEF]\\d{4} .*");

    private KubectlErrors() {
    }

    /** Throws when the text is one of kubectl's error reports rather than JSON. */
    static void check(String text) throws UnparseableOutputException {
        String body = text.strip();
        if (body.startsWith("{") || body.startsWith("[")) {
            return;
        }
        String summary = summary(body);
        if (body.contains("connection refused") || body.contains("was refused")
                || body.contains("Unable to connect to the server") || body.contains("no such host")
                || body.contains("i/o timeout")) {
            throw new UnparseableOutputException(UNREACHABLE, summary);
        }
        if (body.contains("error loading config file") || body.contains("kubeconfig") && body.contains("permission denied")) {
            throw new UnparseableOutputException(KUBECONFIG, summary);
        }
        if (body.contains("Unauthorized") || body.contains("Forbidden") || body.contains("forbidden")) {
            throw new UnparseableOutputException(DENIED, summary);
        }
    }

    private static String summary(String body) {
        List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!KLOG.matcher(lines.get(i)).matches()) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
