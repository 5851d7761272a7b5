package org.caretaker.chat.discord;

import java.util.List;

/**
 * What Discord suggests while someone types a host, check or job argument. Called on every keystroke, so
 * implementations answer from memory (the loaded configuration), never from a host.
 */
public interface Completions {
    List<String> hosts();

    List<String> checks();

    List<String> jobs();

    /** Fixed lists, such as the host names, check ids and job ids of the loaded configuration. */
    static Completions of(List<String> hosts, List<String> checks, List<String> jobs) {
        List<String> h = List.copyOf(hosts);
        List<String> c = List.copyOf(checks);
        List<String> j = List.copyOf(jobs);
        return new Completions() {
            @Override
            public List<String> hosts() {
                return h;
            }

            @Override
            public List<String> checks() {
                return c;
            }

            @Override
            public List<String> jobs() {
                return j;
            }
        };
    }

    /** Suggests nothing: arguments are typed in full. */
    Completions NONE = new Completions() {
        @Override
        public List<String> hosts() {
            return List.of();
        }

        @Override
        public List<String> checks() {
            return List.of();
        }

        @Override
        public List<String> jobs() {
            return List.of();
        }
    };
}
