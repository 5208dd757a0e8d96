package dev.cell.server.web;

import dev.cell.client.Client;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What the consent page shows of a client (RFC 7591 §2 {@code client_name}, {@code logo_uri}, {@code client_uri},
 * {@code policy_uri}, {@code tos_uri}): a logo only from https, links only to http(s); null for what is missing. A client
 * known only by its metadata document has its name marked unverified, with the host of its {@code client_id}, and no logo
 * (draft-ietf-oauth-client-id-metadata-document §8.5, §8.8).
 *
 * @param unverifiedHost the host of a metadata document client's {@code client_id}, or null for a registered client
 */
public record ClientCard(String name, String logoUri, String clientUri, String policyUri, String tosUri, String unverifiedHost) {

    /** The card of a registered client, or of an id with nothing registered. */
    public static ClientCard of(Client client, String clientId) {
        if (client == null) {
            return new ClientCard(clientId, null, null, null, null, null);
        }
        String unverifiedHost = client.metadataDocument() ? URI.create(client.clientId()).getHost() : null;
        return new ClientCard(client.clientName() == null ? clientId : client.clientName(),
                unverifiedHost == null ? https(client.metadata().logoUri()) : null,
                web(client.metadata().clientUri()), web(client.metadata().policyUri()), web(client.metadata().tosUri()), unverifiedHost);
    }

    /**
     * The name to show outside the consent page (login page, account page): the registered {@code client_name}, or for a
     * metadata document client, whose name nobody checked, the host of its {@code client_id}, which the fetch over TLS proved.
     */
    public static String shownName(Client client, String clientId) {
        if (client == null) {
            return clientId;
        }
        if (client.metadataDocument()) {
            return URI.create(client.clientId()).getHost();
        }
        return client.clientName() == null || client.clientName().isBlank() ? clientId : client.clientName();
    }

    /**
     * Where the response goes, as a person can judge it: the redirect URI's host, or its scheme for a native app's private-use
     * scheme.
     */
    public static String destination(String redirectUri) {
        try {
            URI u = new URI(redirectUri);
            return u.getHost() != null ? u.getHost() : u.getScheme() + ":";
        } catch (URISyntaxException | NullPointerException e) {
            return redirectUri;
        }
    }

    /** True if the response goes to a loopback address, that is, to an app on the person's own computer (RFC 8252 §7.3). */
    public static boolean loopback(String redirectUri) {
        String host = destination(redirectUri);
        return host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
    }

    /** The origin of the logo, for the page's {@code img-src}, or null without a logo. */
    public String logoOrigin() {
        if (logoUri == null) {
            return null;
        }
        URI u = URI.create(logoUri);
        return "https://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    public boolean hasLinks() {
        return clientUri != null || policyUri != null || tosUri != null;
    }

    private static String https(String uri) {
        return scheme(uri).equals("https") ? uri : null;
    }

    private static String web(String uri) {
        String s = scheme(uri);
        return s.equals("https") || s.equals("http") ? uri : null;
    }

    /** The lower-case scheme of an absolute URI with a host, or "" when it is not one. */
    private static String scheme(String uri) {
        if (uri == null) {
            return "";
        }
        try {
            URI u = new URI(uri);
            return u.getScheme() == null || u.getHost() == null || u.getRawUserInfo() != null ? ""
                    : u.getScheme().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
