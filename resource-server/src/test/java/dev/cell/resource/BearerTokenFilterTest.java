package dev.cell.resource;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet filter in a real Jetty: RFC 6750 answers, the principal handed to the application, scope checks down the chain. */
class BearerTokenFilterTest {
    FakeIssuer issuer;
    Server jetty;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        ResourceServer rs = issuer.builder().build();
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new BearerTokenFilter(rs)), "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new BearerTokenFilter(rs, "admin")), "/admin/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                TokenPrincipal p = BearerTokenFilter.principal(req);
                if (req.getRequestURI().endsWith("/write")) {
                    p.requireScopes("notes.write");
                }
                res.getWriter().write("hello " + req.getUserPrincipal().getName() + " via " + req.getAuthType() + " for " + p.clientId());
            }
        }), "/*");
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        issuer.close();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidTokenReachesTheApplicationAsItsPrincipal() throws Exception {
        HttpResponse<String> r = get("/api/notes", issuer.rs256(issuer.claims().build()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello alice via Bearer for notes-app");
    }

    @Test
    void noTokenIs401WithABareChallenge() throws Exception {
        HttpResponse<String> r = get("/api/notes", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"https://api.test\"");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aBadTokenIs401InvalidToken() throws Exception {
        HttpResponse<String> r = get("/api/notes", issuer.rs256(issuer.claims().audience("https://other.test").build()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        assertThat(r.body()).contains("\"error\":\"invalid_token\"");
    }

    @Test
    void aMissingScopeIs403InsufficientScopeFromTheFilterOrTheApplication() throws Exception {
        String token = issuer.rs256(issuer.claims().build());
        HttpResponse<String> byFilter = get("/admin/x", token);
        assertThat(byFilter.statusCode()).isEqualTo(403);
        assertThat(byFilter.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"").contains("scope=\"admin\"");
        HttpResponse<String> byApp = get("/api/write", token);
        assertThat(byApp.statusCode()).isEqualTo(403);
        assertThat(byApp.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"notes.write\"");
    }

    @Test
    void anUnreachableAuthorizationServerIs503WithoutAChallenge() throws Exception {
        issuer.jwksUri = "http://127.0.0.1:" + UpstreamFailureTest.closedPort() + "/jwks";
        HttpResponse<String> r = get("/api/notes", issuer.rs256(issuer.claims().build()));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(r.body()).contains("temporarily_unavailable").doesNotContain("127.0.0.1");
    }
}
