package dev.cell.demo.mcp;

import dev.cell.resource.TokenPrincipal;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The MCP tool {@code whoami}: what the caller's access token says (subject, client, scopes, audience, expiry), read from the
 * {@link TokenPrincipal} that cell-resource-server put on the HTTP request carrying the {@code tools/call}.
 */
final class WhoAmITool {
    static final String NAME = "whoami";
    /** The key under which {@link DemoMcpServer} hands the request's principal to the MCP SDK's transport context. */
    static final String PRINCIPAL = "cell.principal";

    private WhoAmITool() {}

    static SyncToolSpecification specification() {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(NAME).title("Who am I?")
                .description("Tells who the access token of this MCP session belongs to: user, client, scopes, audience and expiry.")
                .inputSchema(Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).openWorldHint(false).build())
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler(WhoAmITool::call).build();
    }

    private static McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        if (!(exchange.transportContext().get(PRINCIPAL) instanceof TokenPrincipal me)) {
            return McpSchema.CallToolResult.builder().isError(true).addTextContent("no access token on this request").build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sub", me.subject());
        out.put("client_id", me.clientId());
        out.put("scope", String.join(" ", new TreeSet<>(me.scopes())));
        out.put("aud", me.claims().get("aud"));
        out.put("exp", me.claims().get("exp"));
        return McpSchema.CallToolResult.builder().addTextContent("You are " + me.subject() + ", calling through client " + me.clientId()
                + " with scope \"" + out.get("scope") + "\".").structuredContent(out).build();
    }
}
