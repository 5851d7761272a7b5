package org.caretaker.site.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a generated site folder over the JDK's HTTP server, read-only. Mount it at a context path
 * ({@code /}, both for {@code caretaker site serve} and in the bot's own server).
 *
 * <p>A request can only reach regular files inside the folder: the decoded path is normalised and must stay
 * under the root after symbolic links are resolved; anything else is a 404, as is a missing file (answered
 * with the site's own {@code 404.html} when there is one).
 */
public final class StaticSiteHandler implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "json", "application/json",
            "xml", "application/xml", "svg", "image/svg+xml", "png", "image/png",
            "jpg", "image/jpeg", "txt", "text/plain; charset=utf-8");

    private final Path root;

    public StaticSiteHandler(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("site folder " + root + " does not exist", e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET\n".getBytes());
                return;
            }
            Path file = resolve(exchange.getHttpContext().getPath(), exchange.getRequestURI());
            if (file == null) {
                Path notFound = root.resolve("404.html");
                byte[] body = Files.isRegularFile(notFound) ? Files.readAllBytes(notFound) : "not found\n".getBytes();
                send(exchange, 404, Files.isRegularFile(notFound) ? TYPES.get("html") : TYPES.get("txt"), body);
                return;
            }
            send(exchange, 200, type(file), Files.readAllBytes(file));
        }
    }

    /** The file a request names, or null when there is none inside the root. */
    Path resolve(String context, URI uri) {
        String path = uri.getPath();
        if (path == null) {
            return null;
        }
        String prefix = context.endsWith("/") ? context : context + "/";
        if (path.equals(context)) {
            path = "";
        } else if (path.startsWith(prefix)) {
            path = path.substring(prefix.length());
        } else {
            return null;
        }
        if (path.isEmpty() || path.endsWith("/")) {
            path = path + "index.html";
        }
        if (path.indexOf('\0') >= 0 || path.contains("\\")) {
            return null;
        }
        try {
            Path candidate = root.resolve(path).normalize();
            if (!candidate.startsWith(root) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
