package org.caretaker.site.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** {@code caretaker site serve}: a site folder on 127.0.0.1, for reading it locally. Port 0 picks a free one. */
public final class SiteServer implements AutoCloseable {
    private final HttpServer server;

    public SiteServer(Path dir, int port) throws IOException {
        server = BoundedHttp.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "site-http");
        server.createContext("/", new StaticSiteHandler(dir));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        BoundedHttp.stop(server);
    }
}
