package dev.cell.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Pre-built HTTP/1.1 request bytes for {@link HttpConnection}: a form POST with Basic client authentication, a GET. */
final class RawRequest {
    private RawRequest() {}

    /** RFC 6749 §2.3.1: client_id and secret are form-encoded before Basic encoding. */
    static String basic(String clientId, String clientSecret) {
        String credentials = form(clientId) + ":" + form(clientSecret);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of an application/x-www-form-urlencoded body to the URI, with the Authorization header. */
    static byte[] post(URI uri, String authorization, String body) {
        return post(uri, authorization, null, body);
    }

    /** The same with one more header line ({@code Name: value}), or none when null. */
    static byte[] post(URI uri, String authorization, String header, String body) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target(uri) + " HTTP/1.1\r\n"
                + "Host: " + hostPort(uri) + "\r\n"
                + "Authorization: " + authorization + "\r\n"
                + (header == null ? "" : header + "\r\n")
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Accept: application/json\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    /** A GET of the URI (path and query) sending the cookies, as a browser following a link would. */
    static byte[] get(URI uri, String cookie) {
        String head = "GET " + target(uri) + " HTTP/1.1\r\n"
                + "Host: " + hostPort(uri) + "\r\n"
                + "Cookie: " + cookie + "\r\n"
                + "Accept: text/html\r\n"
                + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
