package dev.cell.demo.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cell.resource.BearerTokenFilter;
import dev.cell.resource.ResourceServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An MCP server (the official MCP Java SDK's Streamable HTTP transport) protected by Cell: every request to the MCP endpoint
 * must carry an access token whose {@code aud} is this server's URL (RFC 8707, RFC 9068 §4) and that holds the scope
 * {@value #SCOPE}, checked by cell-resource-server's servlet filter; refusals name the protected resource metadata (RFC 9728
 * §5.1), which is served too, so an MCP client finds Cell from the first 401 alone.
 */
public final class DemoMcpServer implements AutoCloseable {
    /** The scope the MCP endpoint requires; listed in the resource metadata's {@code scopes_supported}. */
    public static final String SCOPE = "mcp.tools";

    private final Server jetty;
    private final ServerConnector connector;
    private final McpSyncServer mcp;

    /**
     * @param issuer Cell's issuer URL
     * @param resource this MCP server's URL as clients use it (e.g. {@code http://localhost:8090/mcp}): the audience tokens must
     *     name, and its path is the MCP endpoint
     */
    public DemoMcpServer(String issuer, String resource, String host, int port) {
        ResourceServer tokens = ResourceServer.forIssuer(issuer).audience(resource).scopesSupported(SCOPE).advertiseResourceMetadata().build();
        String endpoint = URI.create(resource).getRawPath();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper())).mcpEndpoint(endpoint)
                .contextExtractor(request -> McpTransportContext.create(Map.of(WhoAmITool.PRINCIPAL, BearerTokenFilter.principal(request))))
                .build();
        mcp = McpServer.sync(transport).serverInfo("cell-demo-mcp-server", "0.1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(WhoAmITool.specification()).build();

        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(new BearerTokenFilter(tokens, SCOPE));
        filter.setAsyncSupported(true);
        context.addFilter(filter, endpoint, EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, endpoint);
        context.addServlet(new ServletHolder(new ProtectedResourceMetadataServlet(tokens)), tokens.metadataUrl().getRawPath());
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(context);
    }

    public DemoMcpServer start() throws Exception {
        jetty.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            mcp.close();
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly", e);
        }
    }

    /**
     * {@code java -jar demo-mcp-server.jar [issuer [resource-url [port]]]}; the defaults fit {@code ./cell demo mcp}: Cell at
     * {@code http://localhost:9000}, this server at {@code http://localhost:8090/mcp}.
     */
    public static void main(String[] args) throws Exception {
        String issuer = args.length > 0 ? args[0] : "http://localhost:9000";
        String resource = args.length > 1 ? args[1] : "http://localhost:8090/mcp";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : URI.create(resource).getPort();
        DemoMcpServer server = new DemoMcpServer(issuer, resource, "127.0.0.1", port).start();
        System.out.println("Demo MCP server on " + resource + " (tool: " + WhoAmITool.NAME + "), trusting " + issuer);
        server.jetty.join();
    }
}
