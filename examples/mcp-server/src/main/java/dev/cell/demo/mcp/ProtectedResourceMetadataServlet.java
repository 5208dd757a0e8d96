package dev.cell.demo.mcp;

import dev.cell.resource.ResourceServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /.well-known/oauth-protected-resource/mcp}: the MCP server's protected resource metadata (RFC 9728 §3), from
 * cell-resource-server; MCP clients find it through the {@code resource_metadata} of a 401 and read the authorization server there.
 */
final class ProtectedResourceMetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ResourceServer tokens;

    ProtectedResourceMetadataServlet(ResourceServer tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setStatus(200);
        res.setContentType("application/json");
        res.getOutputStream().write(tokens.metadataJson().getBytes(StandardCharsets.UTF_8));
    }
}
