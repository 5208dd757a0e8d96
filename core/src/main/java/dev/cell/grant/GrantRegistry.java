package dev.cell.grant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The enabled grant handlers by {@code grant_type}; discovery lists exactly these. */
public final class GrantRegistry {
    private final Map<String, GrantHandler> handlers = new LinkedHashMap<>();

    public GrantRegistry(List<GrantHandler> enabled) {
        enabled.forEach(h -> handlers.put(h.grantType(), h));
    }

    public Optional<GrantHandler> get(String grantType) {
        return Optional.ofNullable(handlers.get(grantType));
    }

    public Set<String> grantTypes() {
        return handlers.keySet();
    }
}
