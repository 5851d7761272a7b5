package org.caretaker.schedule;

import java.util.List;
import java.util.function.Predicate;
import org.caretaker.config.HostConfig;
import org.caretaker.config.Rules;

/**
 * Which hosts a scheduled job runs on. A host takes part when its name is listed or it carries any of the
 * tags; with neither names nor tags, every host does. Tags keep schedules stable while hosts come and go:
 * a new NAS tagged {@code snapraid} joins the weekly SnapRAID job without touching the schedule.
 */
public record HostSelector(List<String> tags, List<String> names) implements Predicate<HostConfig> {
    public static final HostSelector EVERY_HOST = new HostSelector(List.of(), List.of());

    public HostSelector {
        tags = List.copyOf(tags);
        names = List.copyOf(names);
        Rules r = new Rules();
        for (String t : tags) {
            r.require(t.matches("[a-z0-9][a-z0-9-]*"), "tags", "tag '" + t + "' must be lower-case letters, digits and '-'");
        }
        for (String n : names) {
            r.require(n.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), "names", "'" + n + "' is not a host name");
        }
        r.check();
    }

    public boolean everyHost() {
        return tags.isEmpty() && names.isEmpty();
    }

    @Override
    public boolean test(HostConfig host) {
        return everyHost() || names.contains(host.name()) || tags.stream().anyMatch(host::hasTag);
    }

    /** For people: {@code every host}, {@code tags zfs or snapraid}, {@code hosts nas, pve; tags zfs}. */
    public String describe() {
        if (everyHost()) {
            return "every host";
        }
        StringBuilder sb = new StringBuilder();
        if (!names.isEmpty()) {
            sb.append(names.size() == 1 ? "host " : "hosts ").append(String.join(", ", names));
        }
        if (!tags.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(tags.size() == 1 ? "tag " : "tags ").append(String.join(" or ", tags));
        }
        return sb.toString();
    }
}
