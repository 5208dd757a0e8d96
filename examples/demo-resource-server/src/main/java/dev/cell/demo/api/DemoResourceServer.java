package dev.cell.demo.api;

import dev.cell.resource.BearerTokenFilter;
import dev.cell.resource.ResourceServer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The seed's resource server: a notes API whose every {@code /api/*} request must carry a Cell access token (RFC 6750),
 * checked locally as a JWT (RFC 9068) by cell-resource-server's servlet filter, and its protected resource metadata
 * (RFC 9728) at {@code /.well-known/oauth-protected-resource} plus the audience's path.
 */
public final class DemoResourceServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;

    public DemoResourceServer(ResourceServer tokens, String host, int port) {
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new BearerTokenFilter(tokens)), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new MeServlet()), "/api/me");
        context.addServlet(new ServletHolder(new NotesServlet(new NoteBook())), "/api/notes");
        if (tokens.metadataUrl() != null) {
            context.addServlet(new ServletHolder(new ProtectedResourceMetadataServlet(tokens)), tokens.metadataUrl().getRawPath());
        }
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(context);
    }

    public DemoResourceServer start() throws Exception {
        jetty.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly", e);
        }
    }

    /** {@code java -jar demo-resource-server.jar [issuer [audience [port]]]}; defaults fit {@code ./cell start --demo}. */
    public static void main(String[] args) throws Exception {
        String issuer = args.length > 0 ? args[0] : "http://localhost:9000";
        String audience = args.length > 1 ? args[1] : "http://localhost:8081";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 8081;
        ResourceServer tokens = ResourceServer.forIssuer(issuer).audience(audience).advertiseResourceMetadata().build();
        DemoResourceServer server = new DemoResourceServer(tokens, "127.0.0.1", port).start();
        System.out.println("Demo resource server on http://localhost:" + server.port() + "/api/me and /api/notes, trusting " + issuer);
        server.jetty.join();
    }
}
