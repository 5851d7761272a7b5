package org.caretaker.job;

import java.util.List;
import java.util.Optional;
import org.caretaker.check.Finding;

/** Runs checks now, on demand (chat {@code /check}), storing and reporting them like any run. */
public interface Checks {

    /**
     * @param check a check id, or {@code all}
     * @param host  one host, or every host the check applies to
     * @throws IllegalArgumentException naming the known ids when the check or host is unknown
     */
    List<Finding> runNow(String check, Optional<String> host, Trigger trigger) throws InterruptedException;
}
