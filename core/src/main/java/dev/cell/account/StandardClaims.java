package dev.cell.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The OpenID Connect standard claims a user holds (OIDC Core section 5.1), each value checked by {@link ClaimValues};
 * {@code sub} and {@code updated_at} come from the {@link User} record itself.
 *
 * @param values claim name to value: strings, booleans for the {@code _verified} claims, a string map for {@code address}
 */
public record StandardClaims(Map<String, Object> values) {
    /** The string claims of OIDC Core section 5.1. */
    public static final List<String> STRINGS = List.of("name", "given_name", "family_name", "middle_name", "nickname",
            "preferred_username", "profile", "picture", "website", "email", "gender", "birthdate", "zoneinfo", "locale",
            "phone_number");
    /** The boolean claims of OIDC Core section 5.1. */
    public static final List<String> BOOLEANS = List.of("email_verified", "phone_number_verified");
    /** The members of the {@code address} claim (OIDC Core section 5.1.1). */
    public static final List<String> ADDRESS = List.of("formatted", "street_address", "locality", "region", "postal_code", "country");
    /** Every claim a user can hold. */
    public static final Set<String> NAMES = Set.copyOf(Stream.of(STRINGS, BOOLEANS, List.of("address")).flatMap(List::stream).toList());

    public StandardClaims {
        values = Map.copyOf(values);
    }

    /** The standard claims among a user's stored claims; anything else is left out. */
    public static StandardClaims of(Map<String, Object> claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (NAMES.contains(k) && v != null) {
                out.put(k, v);
            }
        });
        return new StandardClaims(out);
    }

    /**
     * These claims with changes applied, in order. A key is a claim name or {@code address.}<i>member</i>; a null value
     * removes the claim. A new {@code email} or {@code phone_number} is unverified unless the same changes say otherwise.
     *
     * @throws IllegalArgumentException naming the first unknown claim or badly formed value
     */
    public StandardClaims with(Map<String, String> changes) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = change.getKey();
            String text = change.getValue();
            if (name.startsWith("address.")) {
                address(out, name.substring("address.".length()), text);
            } else if (name.equals("address")) {
                if (text != null) {
                    throw new IllegalArgumentException("address is structured: set its members, e.g. address.locality");
                }
                out.remove(name);
            } else if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a standard claim (OIDC Core section 5.1); known: "
                        + String.join(", ", STRINGS) + ", " + String.join(", ", BOOLEANS) + ", address." + String.join("|address.", ADDRESS));
            } else if (text == null) {
                out.remove(name);
            } else {
                Object value = ClaimValues.parse(name, text);
                if (!value.equals(out.get(name))) {
                    unverify(out, changes, name);
                }
                out.put(name, value);
            }
        }
        return new StandardClaims(out);
    }

    private static void unverify(Map<String, Object> out, Map<String, String> changes, String name) {
        if ((name.equals("email") || name.equals("phone_number")) && !changes.containsKey(name + "_verified")) {
            out.put(name + "_verified", false);
        }
    }

    private static void address(Map<String, Object> out, String member, String text) {
        if (!ADDRESS.contains(member)) {
            throw new IllegalArgumentException("'" + member + "' is not an address member (OIDC Core section 5.1.1); known: "
                    + String.join(", ", ADDRESS));
        }
        Map<String, Object> address = new LinkedHashMap<>(out.get("address") instanceof Map<?, ?> m ? stringKeys(m) : Map.of());
        if (text == null) {
            address.remove(member);
        } else {
            address.put(member, ClaimValues.parse("address." + member, text));
        }
        if (address.isEmpty()) {
            out.remove("address");
        } else {
            out.put("address", Map.copyOf(address));
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
