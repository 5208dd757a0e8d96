package dev.cell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** {@link Cidr}: RFC 4632 and RFC 4291 prefixes, literals only (a host name is refused, never looked up). */
class CidrTest {
    private static boolean contains(String cidr, String address) throws Exception {
        return Cidr.parse("k", cidr).contains(InetAddress.getByName(address));
    }

    @Test
    void blocksContainExactlyTheirPrefix() throws Exception {
        assertThat(contains("10.0.0.0/8", "10.255.1.2")).isTrue();
        assertThat(contains("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(contains("192.0.2.128/25", "192.0.2.129")).isTrue();
        assertThat(contains("192.0.2.128/25", "192.0.2.127")).isFalse();
        assertThat(contains("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(contains("127.0.0.1", "127.0.0.2")).isFalse();
        assertThat(contains("0.0.0.0/0", "203.0.113.7")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
        assertThat(contains("2001:db8::/32", "2001:db9::1")).isFalse();
        assertThat(contains("::/0", "10.0.0.1")).as("an IPv4 address is never inside an IPv6 block").isFalse();
    }

    @Test
    void anythingButALiteralWithAValidPrefixIsRefused() {
        for (String bad : new String[] {"localhost", "proxy.example.com", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/x", "10.0.0/8", "300.1.1.1",
            "/8", ""}) {
            assertThatThrownBy(() -> Cidr.parse("server.trusted-proxies", bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("server.trusted-proxies: ");
        }
    }
}
