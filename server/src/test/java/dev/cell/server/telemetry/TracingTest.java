package dev.cell.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.cell.client.ClientAuthMethod;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** tracing.otlp-endpoint: a span per request with a child span per SQL statement, received by an in-process OTLP collector. */
class TracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";

    @Test
    void aRequestSpanWithItsStatementsContinuesTheCallersTrace() throws Exception {
        String secret;
        String accessToken;
        try (OtlpCollector collector = new OtlpCollector()) {
            try (TestServer s = TestServer.start(Map.of("tracing.otlp-endpoint", collector.endpoint()))) {
                ClientAdmin.Created c = s.confidentialClient("traced", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.OPAQUE, "read");
                secret = c.secret();
                HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/oauth/token?trace=me")))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", TestServer.basic("traced", secret))
                        .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
                assertThat(r.statusCode()).isEqualTo(200);
                accessToken = Json.MAPPER.readTree(r.body()).get("access_token").asText();
                s.get("/oauth/jwks");
            } // closing the node sends what is queued
            List<Span> spans = collector.spans();
            Span request = spans.stream().filter(sp -> sp.getName().equals("POST /oauth/token")).findFirst().orElseThrow();
            assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(hex(request.getTraceId())).as("the caller's trace").isEqualTo(TRACE_ID);
            assertThat(hex(request.getParentSpanId())).isEqualTo(PARENT_ID);
            assertThat(attribute(request, "http.route")).contains("/oauth/token");
            assertThat(attribute(request, "url.path")).as("never the query").contains("/oauth/token");
            assertThat(attribute(request, "client.address")).contains("127.0.0.1");
            assertThat(request.getAttributesList()).anySatisfy(a -> {
                assertThat(a.getKey()).isEqualTo("http.response.status_code");
                assertThat(a.getValue().getIntValue()).isEqualTo(200);
            });

            List<Span> children = spans.stream().filter(sp -> sp.getParentSpanId().equals(request.getSpanId())).toList();
            assertThat(children).extracting(Span::getName).contains("SELECT clients", "INSERT tokens");
            assertThat(children).allSatisfy(child -> {
                assertThat(child.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(child.getTraceId()).isEqualTo(request.getTraceId());
                assertThat(attribute(child, "db.system.name")).contains("h2");
                assertThat(child.getStartTimeUnixNano()).isBetween(request.getStartTimeUnixNano(), request.getEndTimeUnixNano());
            });
            assertThat(attribute(children.stream().filter(ch -> ch.getName().equals("INSERT tokens")).findFirst().orElseThrow(), "db.query.text"))
                    .hasValueSatisfying(sql -> assertThat(sql).startsWith("INSERT INTO tokens").contains("?"));

            Span jwks = spans.stream().filter(sp -> sp.getName().equals("GET /oauth/jwks")).findFirst().orElseThrow();
            assertThat(jwks.getParentSpanId()).as("a request without traceparent starts a trace").isEmpty();
            assertThat(collector.requests().get(0).getResourceSpans(0).getResource().getAttributesList())
                    .anySatisfy(a -> assertThat(a.getKey() + "=" + a.getValue().getStringValue()).isEqualTo("service.name=cell"));
            String everything = collector.requests().toString();
            assertThat(everything).doesNotContain(secret).doesNotContain(accessToken).doesNotContain("trace=me");
        }
    }

    @Test
    void theSampleShareAppliesToRequestsWithoutASampledParent() throws Exception {
        try (OtlpCollector collector = new OtlpCollector()) {
            try (TestServer s = TestServer.start(Map.of("tracing.otlp-endpoint", collector.endpoint(), "tracing.sample-percent", "0"))) {
                s.get("/oauth/jwks");
                s.send(HttpRequest.newBuilder(URI.create(s.url("/oauth/token_key")))
                        .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01").GET().build());
            }
            assertThat(collector.spans()).extracting(Span::getName).containsExactly("GET /oauth/token_key");
        }
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                .map(v -> v.hasStringValue() ? v.getStringValue() : v.toString()).findFirst();
    }
}
