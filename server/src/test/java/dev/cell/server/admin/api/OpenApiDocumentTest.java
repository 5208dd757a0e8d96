package dev.cell.server.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.server.TestServer;
import dev.cell.server.http.Route;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the routes cannot drift: every admin route is documented, and every documented operation exists. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        try (TestServer server = TestServer.start(Map.of("admin.enabled", "true"))) {
            Set<String> routes = new TreeSet<>();
            for (Route r : server.assembly.routes()) {
                if (r.path().startsWith(AdminApi.BASE + "/")) {
                    routes.add(r.method().name().toLowerCase(Locale.ROOT) + " " + r.path().substring(AdminApi.BASE.length()));
                }
            }
            JsonNode doc = AdminHttp.json(new AdminHttp(server).get("/openapi.json", null));
            assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
            assertThat(doc.get("servers").get(0).get("url").asText()).isEqualTo(AdminApi.BASE);
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        documented.add(m + " " + path.getKey());
                        assertThat(path.getValue().get(m).has("responses")).as(m + " " + path.getKey()).isTrue();
                    }
                });
            }
            assertThat(routes).isNotEmpty();
            assertThat(documented).isEqualTo(routes);
        }
    }
}
