package org.caretaker.config;

/**
 * The bot's own HTTP server: {@code /healthz}, {@code /metrics} and, optionally, the site.
 *
 * @param host address to bind; loopback unless the user decides otherwise
 * @param port TCP port; 0 picks a free one
 */
public record HttpConfig(String host, int port) {
    public static final HttpConfig DEFAULTS = new HttpConfig("127.0.0.1", 8484);

    public HttpConfig {
        new Rules()
                .require(host != null && host.matches("[A-Za-z0-9.:-]+"), "listen", "must be an address, found '" + host + "'")
                .require(port >= 0 && port <= 65535, "listen", "port must be between 0 and 65535")
                .check();
    }
}
