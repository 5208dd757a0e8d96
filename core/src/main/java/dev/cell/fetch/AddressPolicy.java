package dev.cell.fetch;

import dev.cell.config.Cidr;
import java.net.InetAddress;
import java.util.List;

/**
 * Which resolved addresses an outbound fetch may connect to: any (URLs an administrator registered), or only public ones,
 * never the special-use addresses of RFC 6890 (draft-ietf-oauth-client-id-metadata-document §8.6) unless the operator
 * allow-lists their block.
 */
public final class AddressPolicy {
    private final boolean any;
    private final List<Cidr> allowed;

    private AddressPolicy(boolean any, List<Cidr> allowed) {
        this.any = any;
        this.allowed = List.copyOf(allowed);
    }

    /** Every address: for URLs the operator chose. */
    public static AddressPolicy anyAddress() {
        return new AddressPolicy(true, List.of());
    }

    /** Public addresses, and non-public ones inside {@code allowed} (e.g. {@code 127.0.0.1/32} for tests). */
    public static AddressPolicy publicOnly(List<Cidr> allowed) {
        return new AddressPolicy(false, allowed);
    }

    /** True if a connection to {@code address} is allowed. */
    public boolean permits(InetAddress address) {
        return any || !SpecialUseAddresses.contains(address) || allowed.stream().anyMatch(b -> b.contains(address));
    }
}
