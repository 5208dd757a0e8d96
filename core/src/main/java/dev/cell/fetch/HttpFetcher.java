package dev.cell.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one way Cell fetches a URL (a {@code jwks_uri}, a client ID metadata document): GET only, no redirects followed
 * (draft-ietf-oauth-client-id-metadata-document §5), no cookies, bounded in time and size (§8.7), and connected only to an
 * address its {@link AddressPolicy} permits. The host is resolved once, each address checked, and the connection made to the
 * checked address itself, so a name that resolves differently on a second look (DNS rebinding) cannot steer it (§8.6); TLS
 * still verifies the certificate against the host name.
 */
public final class HttpFetcher implements AutoCloseable {
    /**
     * Why a host is not fetched, the same whether its name does not resolve or resolves only to addresses the policy refuses:
     * the answer reaches whoever chose the URL, who must not learn which internal names exist or what they resolve to.
     */
    static final String NO_ADDRESS = "the host has no address this server may fetch from: its name does not resolve, or only to "
            + "loopback, private or other special-use addresses (RFC 6890) that are not allow-listed";
    private final AddressPolicy policy;
    private final Duration timeout;
    private final SSLContext tls;
    private volatile HttpClient http;

    /** An answer: its status, the header fields asked for by name (lower case), and the body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        /** A header field's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * @param timeout the most a fetch may take, resolving and connecting included
     * @param tls the TLS context whose trust decides which servers are believed, or null for the JDK's default
     */
    public HttpFetcher(AddressPolicy policy, Duration timeout, SSLContext tls) {
        this.policy = policy;
        this.timeout = timeout;
        this.tls = tls;
    }

    /** The most a fetch may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Fetches {@code uri} (http or https).
     *
     * @param maxBytes the largest body read; a larger one fails the fetch
     * @param headers the response header fields to keep, e.g. {@code Cache-Control}
     * @throws FetchException saying why there is no answer: timeout, size, a refused address, a connection failure
     */
    public Response get(String uri, String accept, int maxBytes, List<String> headers) throws FetchException {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new FetchException("not a valid URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || target.getHost() == null) {
            throw new FetchException("not an http or https URL with a host");
        }
        Request request = client().newRequest(target).method(HttpMethod.GET).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> h.put(HttpHeader.ACCEPT, accept));
        CompletableFuture<ContentResponse> pending = new CompletableResponseListener(request, maxBytes).send();
        try {
            ContentResponse response = pending.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            Map<String, String> kept = new java.util.HashMap<>();
            for (String name : headers) {
                String value = response.getHeaders().get(name);
                if (value != null) {
                    kept.put(name.toLowerCase(Locale.ROOT), value);
                }
            }
            return new Response(response.getStatus(), Map.copyOf(kept), response.getContent());
        } catch (TimeoutException e) {
            request.abort(e);
            throw slow();
        } catch (ExecutionException e) {
            throw reason(e.getCause(), maxBytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw new FetchException("interrupted");
        }
    }

    private FetchException slow() {
        return new FetchException("no answer within " + timeout.toMillis() + " ms");
    }

    /** Why a fetch failed, from the first cause that says so. */
    private FetchException reason(Throwable failure, int maxBytes) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddress refused) {
                return new FetchException(refused.getMessage());
            }
            if (t instanceof TimeoutException) {
                return slow();
            }
            if (t instanceof UnknownHostException) {
                return new FetchException(NO_ADDRESS);
            }
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("capacity")) {
                return new FetchException("the response is larger than " + maxBytes + " bytes");
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new FetchException(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    /** The HTTP client, made on first use: most servers never fetch anything, and TLS set-up costs start-up time. */
    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = start();
                    http = client;
                }
            }
        }
        return client;
    }

    private HttpClient start() {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        if (tls != null) {
            ssl.setSslContext(tls);
        }
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        HttpClient client = new HttpClient();
        client.setSslContextFactory(ssl);
        QueuedThreadPool threads = new QueuedThreadPool(16, 1);
        threads.setName("cell-fetch");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Cell"));
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(timeout.toMillis());
        client.setMaxConnectionsPerDestination(4);
        client.setSocketAddressResolver(new Guard());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
        return client;
    }

    @Override
    public void close() {
        HttpClient client = http;
        if (client != null) {
            try {
                client.stop();
            } catch (Exception e) {
                // closing: nothing is left to do with a client that fails to stop
            }
        }
    }

    /** A connection refused because of where the host name leads. */
    private static final class RefusedAddress extends Exception {
        RefusedAddress(String message) {
            super(message, null, false, false);
        }
    }

    /** Resolves a host once and hands the connector only the addresses the policy permits: the ones it then connects to. */
    private final class Guard implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            Thread.ofVirtual().name("cell-fetch-resolve").start(() -> {
                try {
                    InetAddress[] all = InetAddress.getAllByName(host);
                    List<InetSocketAddress> permitted = new ArrayList<>();
                    for (InetAddress a : all) {
                        if (policy.permits(a)) {
                            permitted.add(new InetSocketAddress(a, port));
                        }
                    }
                    if (permitted.isEmpty()) {
                        promise.failed(new RefusedAddress(NO_ADDRESS));
                    } else {
                        promise.succeeded(permitted);
                    }
                } catch (UnknownHostException | RuntimeException e) {
                    promise.failed(e);
                }
            });
        }
    }
}
