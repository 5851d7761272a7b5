package org.caretaker.cluster;

import java.time.Duration;
import org.caretaker.chat.telegram.FakeBotApi;

/** The configuration of one instance in the two-instance tests: a local host, PostgreSQL, Telegram chat 42. */
final class ClusterConfigs {
    private ClusterConfigs() {
    }

    /**
     * @param hostLines   more keys of the host entry, each line indented by four spaces, or empty
     * @param telegramApi the Bot API base URL the instance talks to, such as {@code http://127.0.0.1:8081}
     */
    static String instance(String instance, String dataDir, String storeUrl, String telegramApi, Duration lease, String hostLines) {
        return """
                hosts:
                  - name: here
                    local: true
                %sschedules: schedules
                store:
                  data-dir: data-%s
                  url: %s
                  user: postgres
                chat:
                  console: false
                  telegram:
                    token: "%s"
                    api-url: %s
                    chats: ["42"]
                alerts:
                  channels: ["telegram:42"]
                access:
                  users:
                    - { id: "telegram:7", roles: [admin] }
                  channels: ["telegram:42"]
                http:
                  listen: 127.0.0.1:0
                cluster:
                  enabled: true
                  instance: %s
                  lease: %ds
                """.formatted(hostLines, dataDir, storeUrl, FakeBotApi.TOKEN, telegramApi, instance, lease.toSeconds());
    }
}
