package dev.cell.demo.client;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The seed's client app: a confidential web client (RFC 6749 §2.1) that signs users in with Cell by the authorization code
 * flow with PKCE, shows the ID token's claims, calls the notes API with the access token, refreshes it, and signs out; a
 * back-channel logout from Cell ends its session too.
 */
public final class DemoClient implements AutoCloseable {
    /** Where Cell posts logout tokens: the app's {@code backchannel_logout_uri} is this under its base URL. */
    public static final String BACKCHANNEL_LOGOUT_PATH = "/backchannel-logout";
    private final Server jetty;
    private final ServerConnector connector;

    public DemoClient(ClientSettings settings, String host, int port, Clock clock) {
        CellOidc oidc = new CellOidc(settings, clock);
        NotesApi notes = new NotesApi(settings.apiUrl());
        ApiCaller api = new ApiCaller(oidc, clock);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        SessionHandler sessions = context.getSessionHandler();
        sessions.setSessionCookie("demo_client_session");
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        context.addServlet(new ServletHolder(new HomeServlet(api, notes)), "/");
        context.addServlet(new ServletHolder(new LoginServlet(oidc)), "/login");
        context.addServlet(new ServletHolder(new CallbackServlet(oidc)), "/callback");
        context.addServlet(new ServletHolder(new NotesFormServlet(api, notes)), "/notes");
        context.addServlet(new ServletHolder(new LogoutServlet(oidc)), "/logout");
        context.addServlet(new ServletHolder(new BackchannelLogoutServlet(oidc)), BACKCHANNEL_LOGOUT_PATH);
        context.setAttribute(EndedSessions.ATTRIBUTE, new EndedSessions(clock));
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(context);
    }

    public DemoClient start() throws Exception {
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

    /**
     * {@code java -jar demo-client.jar [credentials-file [issuer [api]]]}: the client secret comes from the file
     * {@code ./cell start --demo} writes ({@code data/demo-credentials.properties}); the app listens on localhost:8080.
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "data/demo-credentials.properties");
        String issuer = args.length > 1 ? args[1] : "http://localhost:9000";
        String apiUrl = args.length > 2 ? args[2] : "http://localhost:8081";
        ClientSettings settings = new ClientSettings(URI.create(issuer), "demo-client", secret(file), URI.create("http://localhost:8080"),
                URI.create(apiUrl));
        DemoClient client = new DemoClient(settings, "127.0.0.1", 8080, Clock.systemUTC()).start();
        System.out.println("Demo client app on http://localhost:" + client.port() + "/ signing in with " + issuer);
        client.jetty.join();
    }

    private static String secret(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        String secret = p.getProperty("client_secret");
        if (secret == null) {
            throw new IllegalStateException(file + " has no client_secret: run `./cell client rotate-secret demo-client` and put it there");
        }
        return secret;
    }
}
