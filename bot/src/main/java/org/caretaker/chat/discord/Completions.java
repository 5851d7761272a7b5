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
