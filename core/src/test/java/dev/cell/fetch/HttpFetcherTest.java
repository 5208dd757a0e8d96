package dev.cell.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.config.Cidr;
import dev.cell.support.TlsServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one outbound fetch: special-use addresses refused on the resolved address unless allow-listed, no redirects, size and time bounds. */
class HttpFetcherTest {
    static final List<Cidr> LOOPBACK = List.of(Cidr.parse("test", "127.0.0.1/32"));
    @TempDir
    static Path dir;
    static TlsServer server;

    @BeforeAll
    static void start() {
        server = TlsServer.start(dir);
        server.answer("/doc", TlsServer.Answer.json("{\"ok\":true}").withHeader("Cache-Control", "max-age=60"));
        server.answer("/moved", new TlsServer.Answer(302, Map.of("Location", server.url("/doc")), new byte[0], Duration.ZERO));
        server.answer("/large", TlsServer.Answer.json("{\"pad\":\"" + "x".repeat(20_000) + "\"}"));
        server.answer("/slow", TlsServer.Answer.json("{}").delayed(Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpFetcher fetcher(AddressPolicy policy) {
        return new HttpFetcher(policy, Duration.ofMillis(1500), server.clientContext());
    }

    @Test
    void aLoopbackAddressIsRefusedUnlessAllowListed() throws Exception {
        try (HttpFetcher guarded = fetcher(AddressPolicy.publicOnly(List.of()))) {
            assertThatThrownBy(() -> guarded.get(server.url("/doc"), "application/json", 4096, List.of()))
                    .isInstanceOf(FetchException.class).hasMessage(HttpFetcher.NO_ADDRESS);
        }
        try (HttpFetcher allowed = fetcher(AddressPolicy.publicOnly(LOOPBACK))) {
            HttpFetcher.Response r = allowed.get(server.url("/doc"), "application/json", 4096, List.of("Cache-Control"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body())).isEqualTo("{\"ok\":true}");
            assertThat(r.header("cache-control")).isEqualTo("max-age=60");
        }
        assertThat(server.hits("/doc")).isEqualTo(1);
    }

    @Test
    void aHostNameIsJudgedByTheAddressItResolvesTo() {
        // "localhost" is a name, not an address: only the resolved 127.0.0.1 (or ::1) shows it is loopback
        try (HttpFetcher guarded = fetcher(AddressPolicy.publicOnly(List.of()))) {
            int before = server.hits("/doc");
            assertThatThrownBy(() -> guarded.get("https://localhost:" + server.port() + "/doc", "application/json", 4096, List.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("special-use");
            assertThat(server.hits("/doc")).isEqualTo(before);
        }
    }

    @Test
    void anInternalNameAndAMissingOneAnswerAlike() {
        // whoever chose the URL learns neither which names exist nor what they resolve to
        try (HttpFetcher guarded = fetcher(AddressPolicy.publicOnly(List.of()))) {
            assertThatThrownBy(() -> guarded.get("https://localhost:" + server.port() + "/doc", "application/json", 4096, List.of()))
                    .hasMessage(HttpFetcher.NO_ADDRESS);
            assertThatThrownBy(() -> guarded.get("https://no-such-host.invalid/doc", "application/json", 4096, List.of()))
                    .hasMessage(HttpFetcher.NO_ADDRESS);
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        int before = server.hits("/doc");
        try (HttpFetcher f = fetcher(AddressPolicy.publicOnly(LOOPBACK))) {
            assertThat(f.get(server.url("/moved"), "application/json", 4096, List.of()).status()).isEqualTo(302);
        }
        assertThat(server.hits("/doc")).isEqualTo(before);
    }

    @Test
    void aLargerBodyThanTheLimitFails() {
        try (HttpFetcher f = fetcher(AddressPolicy.publicOnly(LOOPBACK))) {
            assertThatThrownBy(() -> f.get(server.url("/large"), "application/json", 5120, List.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("larger than 5120 bytes");
        }
    }

    @Test
    void aSlowAnswerTimesOut() {
        try (HttpFetcher f = fetcher(AddressPolicy.publicOnly(LOOPBACK))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> f.get(server.url("/slow"), "application/json", 4096, List.of()))
                    .isInstanceOf(FetchException.class).hasMessageContaining("no answer within 1500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void anUntrustedCertificateFails() {
        try (HttpFetcher f = new HttpFetcher(AddressPolicy.publicOnly(LOOPBACK), Duration.ofSeconds(2), null)) {
            assertThatThrownBy(() -> f.get(server.url("/doc"), "application/json", 4096, List.of())).isInstanceOf(FetchException.class);
        }
    }

    @Test
    void specialUseAddressesAreRecognised() throws Exception {
        for (String a : List.of("0.0.0.0", "10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.169.254", "172.16.0.1", "192.168.1.1",
                "192.0.2.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
                "2001:db8::1", "64:ff9b::a00:1", "2002:a00:1::", "::ffff:10.0.0.1")) {
            assertThat(SpecialUseAddresses.contains(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::")) {
            assertThat(SpecialUseAddresses.contains(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void anAllowListCoversOnlyItsBlock() throws Exception {
        AddressPolicy policy = AddressPolicy.publicOnly(List.of(Cidr.parse("test", "10.0.0.0/24")));
        assertThat(policy.permits(InetAddress.getByName("10.0.0.7"))).isTrue();
        assertThat(policy.permits(InetAddress.getByName("10.0.1.7"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(policy.permits(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(AddressPolicy.anyAddress().permits(InetAddress.getByName("127.0.0.1"))).isTrue();
    }
}
