package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/grafana-dashboard.json and the metrics reference in docs/ name only metrics and labels that a node's /metrics has. */
class DashboardTest {
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right",
            "bool", "offset");
    /** Labels Prometheus adds when it scrapes, which /metrics itself never has. */
    private static final Set<String> SCRAPE_LABELS = Set.of("instance", "job", "le");
    private static String metrics;

    /** A node's /metrics after one token request, so the series that appear with use are there. */
    @BeforeAll
    static void scrape() {
        try (TestServer s = TestServer.start()) {
            ClientAdmin.Created c = s.confidentialClient("dash", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
            assertThat(s.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("dash", c.secret())).statusCode())
                    .isEqualTo(200);
            s.get("/metrics");
            metrics = s.get("/metrics").body();
        }
    }

    @Test
    void everyQueriedMetricAndGroupingLabelExists() throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Files.readString(Path.of("../docs/grafana-dashboard.json")));
        assertThat(dashboard.get("uid").asText()).isNotBlank();
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        dashboard.findValues("definition").forEach(e -> expressions.add(e.asText()));
        assertThat(expressions).hasSizeGreaterThan(15);

        Set<String> checked = new LinkedHashSet<>();
        for (String expr : expressions) {
            Set<String> names = metricNames(expr);
            assertThat(names).as("metrics in " + expr).isNotEmpty();
            for (String name : names) {
                assertThat(metrics).as(name + " (queried by " + expr + ")").containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
                checked.add(name);
            }
            Matcher grouping = GROUPING.matcher(expr);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    String l = label.strip();
                    if (!l.isEmpty() && !SCRAPE_LABELS.contains(l)) {
                        assertThat(names).as("label " + l + " of " + expr)
                                .anySatisfy(name -> assertThat(metrics).containsPattern("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\b" + l + "=\""));
                    }
                }
            }
        }
        assertThat(checked).contains("cell_http_requests_seconds_bucket", "cell_tokens_issued_total", "cell_logins_total",
                "cell_logins_throttled_total", "cell_refresh_token_reuse_total", "cell_authorization_code_replays_total",
                "hikaricp_connections_active", "cell_build_info");
    }

    /** The metric reference in docs/deployment.md and docs/observability.md names only Cell metrics a node has. */
    @Test
    void theDocumentedMetricsExist() throws Exception {
        Set<String> documented = new LinkedHashSet<>();
        for (String doc : List.of("../docs/deployment.md", "../docs/observability.md")) {
            Matcher m = Pattern.compile("`(cell_[a-z0-9_]+)").matcher(Files.readString(Path.of(doc)));
            while (m.find()) {
                documented.add(m.group(1));
            }
        }
        assertThat(documented).hasSizeGreaterThan(8);
        for (String name : documented) {
            assertThat(metrics).as(name).containsPattern("(?m)^" + Pattern.quote(name) + "(_bucket|_count|_sum)?[{ ]");
        }
    }

    /** The metric names of a PromQL expression: identifiers left once matchers, groupings, ranges and strings are gone. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher values = LABEL_VALUES.matcher(expr);
        if (values.find()) {
            names.add(values.group(1));
            return names;
        }
        String bare = GROUPING.matcher(expr).replaceAll(" ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\"[^\"]*\"", " ");
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, endpoint) (rate(cell_http_requests_seconds_bucket{instance=~\"$instance\"}[5m])))"))
                .containsExactly("cell_http_requests_seconds_bucket");
        assertThat(metricNames("sum(rate(a_total{x=\"5..\"}[1m])) / sum(rate(b_count[1m]))")).containsExactly("a_total", "b_count");
        assertThat(metricNames("label_values(cell_build_info, instance)")).containsExactly("cell_build_info");
    }
}
