package dev.cell.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection over a plain blocking socket. Sends pre-built request bytes and reads just
 * enough of the response to be correct: the status line, Content-Length / chunked framing, Connection: close,
 * and whether the body contains the expected text. Not thread-safe: one thread drives one connection.
 */
final class HttpConnection implements AutoCloseable {
    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private byte[] chunked = new byte[0];

    private int status;
    private boolean keepAlive;
    private boolean bodyMatched;
    private String bodySample = "";
    private boolean keepBody;
    private String body = "";
    private String location = "";

    HttpConnection(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    boolean isOpen() {
        return socket != null;
    }

    /** Sends one request and reads its response; afterwards {@link #status()} etc. describe it. */
    void exchange(byte[] request, byte[] expect) throws IOException {
        exchange(request, expect, false);
    }

    /** As {@link #exchange(byte[], byte[])}; with keepBody the whole body is kept for {@link #body()}. */
    void exchange(byte[] request, byte[] expect, boolean keepBody) throws IOException {
        this.keepBody = keepBody;
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        readResponse(expect);
        if (!keepAlive) {
            close();
        }
    }

    int status() {
        return status;
    }

    boolean bodyMatched() {
        return bodyMatched;
    }

    /** The last body, when the exchange asked to keep it (ISO-8859-1 decoded), else empty. */
    String body() {
        return body;
    }

    /** The Location header of the last response, or empty. */
    String location() {
        return location;
    }

    /** Status and the start of the body of the last response, for error reports. */
    String sample() {
        return status + (location.isEmpty() ? "" : " Location: " + location) + " " + bodySample;
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(address, timeoutMillis);
            in = s.getInputStream();
            out = s.getOutputStream();
            socket = s;
            pos = 0;
            lim = 0;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    private void readResponse(byte[] expect) throws IOException {
        compact();
        int headerEnd;
        int scanFrom = pos;
        while ((headerEnd = indexOf(CRLFCRLF, buf, scanFrom, lim)) < 0) {
            scanFrom = Math.max(pos, lim - 3);
            fill();
        }
        // status line: HTTP/1.1 200 OK
        if (headerEnd - pos < 12 || buf[pos] != 'H' || buf[pos + 8] != ' ') {
            throw new IOException("malformed status line: " + ascii(pos, Math.min(headerEnd, pos + 40)));
        }
        boolean http11 = buf[pos + 7] == '1';
        status = (buf[pos + 9] - '0') * 100 + (buf[pos + 10] - '0') * 10 + (buf[pos + 11] - '0');
        long contentLength = -1;
        boolean isChunked = false;
        boolean connectionClose = !http11;
        location = "";
        int line = indexOf(CRLF, buf, pos, headerEnd + 2) + 2;
        while (line < headerEnd) {
            int eol = indexOf(CRLF, buf, line, headerEnd + 2);
            int colon = indexOf(COLON, buf, line, eol);
            if (colon > 0) {
                if (nameIs(line, colon, "content-length")) {
                    contentLength = Long.parseLong(ascii(colon + 1, eol).trim());
                } else if (nameIs(line, colon, "transfer-encoding")) {
                    isChunked = ascii(colon + 1, eol).toLowerCase().contains("chunked");
                } else if (nameIs(line, colon, "connection")) {
                    String v = ascii(colon + 1, eol).trim().toLowerCase();
                    connectionClose = v.contains("close") || (!http11 && !v.contains("keep-alive"));
                } else if (nameIs(line, colon, "location")) {
                    location = ascii(colon + 1, eol).trim();
                }
            }
            line = eol + 2;
        }
        pos = headerEnd + 4;
        keepAlive = !connectionClose;
        if (isChunked) {
            readChunked(expect);
        } else if (contentLength >= 0) {
            int n = Math.toIntExact(contentLength);
            need(n);
            finishBody(buf, pos, pos + n, expect);
            pos += n;
        } else if (status == 204 || status == 304 || status / 100 == 1) {
            finishBody(buf, pos, pos, expect);
        } else {
            // no framing: the body runs to the end of the connection
            while (fillOrEof()) {
                // keep reading
            }
            finishBody(buf, pos, lim, expect);
            pos = lim;
            keepAlive = false;
        }
    }

    private void readChunked(byte[] expect) throws IOException {
        int total = 0;
        while (true) {
            int eol;
            while ((eol = indexOf(CRLF, buf, pos, lim)) < 0) {
                fill();
            }
            String sizeText = ascii(pos, eol);
            int semi = sizeText.indexOf(';');
            int size = Integer.parseInt((semi >= 0 ? sizeText.substring(0, semi) : sizeText).trim(), 16);
            pos = eol + 2;
            if (size == 0) {
                // trailers, then an empty line
                while (true) {
                    while ((eol = indexOf(CRLF, buf, pos, lim)) < 0) {
                        fill();
                    }
                    boolean empty = eol == pos;
                    pos = eol + 2;
                    if (empty) {
                        break;
                    }
                }
                break;
            }
            need(size + 2);
            if (chunked.length < total + size) {
                chunked = Arrays.copyOf(chunked, Math.max(2 * chunked.length, total + size));
            }
            System.arraycopy(buf, pos, chunked, total, size);
            total += size;
            pos += size + 2;
        }
        finishBody(chunked, 0, total, expect);
    }

    private void finishBody(byte[] b, int from, int to, byte[] expect) {
        bodyMatched = expect.length == 0 || indexOf(expect, b, from, to) >= 0;
        body = keepBody ? new String(b, from, to - from, StandardCharsets.ISO_8859_1) : "";
        if (status != 200 || !bodyMatched) {
            bodySample = new String(b, from, Math.min(to - from, 200), StandardCharsets.ISO_8859_1).replace('\n', ' ');
        }
    }

    /** Moves unread bytes to the front of the buffer. */
    private void compact() {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
    }

    /** Ensures n unread bytes are in the buffer. */
    private void need(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (buf.length - pos < n) {
            int unread = lim - pos;
            byte[] bigger = new byte[Math.max(buf.length, n + 1024)];
            System.arraycopy(buf, pos, bigger, 0, unread);
            buf = bigger;
            pos = 0;
            lim = unread;
        }
        while (lim - pos < n) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (!fillOrEof()) {
            throw new EOFException("connection closed by the server mid-response");
        }
    }

    private boolean fillOrEof() throws IOException {
        if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private boolean nameIs(int from, int colon, String lowerName) {
        int end = colon;
        while (end > from && buf[end - 1] == ' ') {
            end--;
        }
        if (end - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int c = buf[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON = {':'};

    /** Index of needle in haystack[from, to), or -1. */
    static int indexOf(byte[] needle, byte[] haystack, int from, int to) {
        int last = to - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
