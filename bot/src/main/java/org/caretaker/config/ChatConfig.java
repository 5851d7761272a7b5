package org.caretaker.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Chat platforms the bot talks on. The console is the local REPL; Telegram and Discord are optional.
 *
 * @param console  whether the console adapter runs (stdin/stdout)
 * @param telegram Telegram bot settings, when configured
 * @param discord  Discord bot settings, when configured
 */
public record ChatConfig(boolean console, Optional<Telegram> telegram, Optional<Discord> discord) {

    public static final ChatConfig CONSOLE_ONLY = new ChatConfig(true, Optional.empty(), Optional.empty());

    /**
     * Why a message sent to this channel could never be delivered, or empty when it can: the platform must be
     * one the bot talks on, and the chat or channel one it was given. A channel the bot cannot reach would
     * keep its messages in the outbox for ever.
     */
    public Optional<String> channelProblem(String channel) {
        int colon = channel.indexOf(':');
        if (colon < 1 || colon == channel.length() - 1 || !channel.substring(0, colon).matches("[a-z]+")) {
            return Optional.of("'" + channel + "' must be platform:channel, such as telegram:-100123 or console:local");
        }
        String platform = channel.substring(0, colon);
        String id = channel.substring(colon + 1);
        switch (platform) {
            case "console":
                return console ? Optional.empty()
                        : Optional.of("'" + channel + "' names the console, which is off (chat.console: false)");
            case "telegram":
                if (telegram.isEmpty()) {
                    return Optional.of("'" + channel + "' names Telegram, which is not configured (chat.telegram)");
                }
                return telegram.get().chats().stream().anyMatch(c -> String.valueOf(c).equals(id)) ? Optional.empty()
                        : Optional.of("'" + channel + "' is not one of chat.telegram.chats " + telegram.get().chats());
            case "discord":
                if (discord.isEmpty()) {
                    return Optional.of("'" + channel + "' names Discord, which is not configured (chat.discord)");
                }
                return discord.get().channels().contains(id) ? Optional.empty()
                        : Optional.of("'" + channel + "' is not one of chat.discord.channels " + discord.get().channels());
            default:
                return Optional.of("'" + channel + "' names an unknown platform '" + platform + "'; known: console, telegram, discord");
        }
    }

    /**
     * @param token  the bot token from BotFather
     * @param apiUrl Bot API base URL; a self-hosted Bot API server may replace the public one
     * @param chats  chat ids the bot answers in and reports to
     */
    public record Telegram(Secret token, URI apiUrl, List<Long> chats) {
        public Telegram {
            chats = List.copyOf(chats);
            new Rules()
                    .require(!token.isEmpty(), "token", "is required")
                    .require(apiUrl.getScheme() != null && apiUrl.getScheme().startsWith("http"), "api-url", "must be an http(s) URL")
                    .check();
        }
    }

    /**
     * @param token      the bot token of the Discord application
     * @param guild      the guild (server) id whose slash commands the bot registers
     * @param restUrl    REST base URL (proxies exist)
     * @param gatewayUrl gateway WebSocket URL
     * @param channels   channel ids for scheduled reports
     */
    public record Discord(Secret token, String guild, URI restUrl, URI gatewayUrl, List<String> channels) {
        public Discord {
            channels = List.copyOf(channels);
            new Rules()
                    .require(!token.isEmpty(), "token", "is required")
                    .require(guild.matches("\\d{1,20}"), "guild", "must be a numeric guild id, found '" + guild + "'")
                    .require(restUrl.getScheme() != null && restUrl.getScheme().startsWith("http"), "rest-url", "must be an http(s) URL")
                    .require(gatewayUrl.getScheme() != null && gatewayUrl.getScheme().startsWith("ws"), "gateway-url", "must be a ws(s) URL")
                    .check();
        }
    }
}
