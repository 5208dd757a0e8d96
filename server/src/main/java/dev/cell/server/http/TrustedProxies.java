package dev.cell.server.http;

import dev.cell.config.Cidr;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Honours {@code Forwarded} (RFC 7239), {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only on connections from
 * {@code server.trusted-proxies} (RFC 9700 section 4.13), so {@code ctx.ip()} and {@code ctx.scheme()} give the real
 * client everywhere; from any other peer the headers are ignored.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {
    private final List<Cidr> trusted;

    TrustedProxies(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (!(request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null
                || !ForwardedClient.isTrusted(peer.getAddress(), trusted)) {
            return request;
        }
        HttpFields headers = request.getHeaders();
        ForwardedClient client = ForwardedClient.of(headers.getValuesList("Forwarded"), headers.getValuesList("X-Forwarded-For"),
                headers.getValuesList("X-Forwarded-Proto"), trusted);
        return client == null ? request : new Forwarded(request, new InetSocketAddress(client.address(), 0), client.scheme());
    }

    /** The request as the client sent it to the proxy: its address, and its scheme when the proxy named one. */
    private static final class Forwarded extends Request.Wrapper {
        private final ConnectionMetaData connection;
        private final HttpURI uri;
        private final boolean secure;

        Forwarded(Request request, SocketAddress client, String scheme) {
            super(request);
            this.secure = scheme == null ? request.isSecure() : scheme.equals("https");
            this.uri = scheme == null ? request.getHttpURI() : HttpURI.build(request.getHttpURI()).scheme(scheme).asImmutable();
            this.connection = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
                @Override
                public SocketAddress getRemoteSocketAddress() {
                    return client;
                }

                @Override
                public boolean isSecure() {
                    return secure;
                }
            };
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return connection;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }
    }
}
