package org.caretaker.diag;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The diagnostics someone can ask for, by the word typed after {@code /diag} or {@code caretaker diag}. */
public enum DiagKind {
    FREEZE, STORAGE, CONTAINERS, K8S;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DiagKind> of(String word) {
        return Arrays.stream(values()).filter(k -> k.id().equals(word)).findFirst();
    }

    /** {@code freeze, storage, containers, k8s}, for messages naming the known ones. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(DiagKind::id).toList());
    }
}
