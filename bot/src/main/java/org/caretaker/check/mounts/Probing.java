package org.caretaker.check.mounts;

import java.util.Map;

/**
 * Everything the check learnt by touching the expected mount points, beside the findmnt listing.
 *
 * @param ran            false for saved findmnt text judged by the inspector: nothing was touched
 * @param timeoutSeconds how long each probe could take
 * @param cutShort       the probe script itself ran out of time, so a path without a line did not answer
 * @param probes         path → what {@code stat -f} said
 * @param underneath     path → what sits there, for expected mount points that are not mounted
 */
record Probing(boolean ran, int timeoutSeconds, boolean cutShort, Map<String, MountProbe> probes,
        Map<String, Underneath> underneath) {

    static final Probing NONE = new Probing(false, 0, false, Map.of(), Map.of());

    Probing {
        probes = Map.copyOf(probes);
        underneath = Map.copyOf(underneath);
    }
}
