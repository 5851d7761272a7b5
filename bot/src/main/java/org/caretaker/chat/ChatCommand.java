package org.caretaker.chat;

import org.caretaker.report.Report;

/**
 * One chat command. It is only called by {@link CommandRouter} after access was granted and every
 * argument passed the strict argument pattern; it still checks that names (hosts, checks, jobs) are known
 * ones. Whatever goes wrong becomes an answer: the router turns exceptions into an UNKNOWN report.
 */
public interface ChatCommand {
    CommandSpec spec();

    Report handle(CommandRequest req) throws Exception;
}
