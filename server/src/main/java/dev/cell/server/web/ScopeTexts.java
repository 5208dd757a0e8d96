package dev.cell.server.web;

import dev.cell.config.CellConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Each scope on the consent page in the page's language: its description from configuration, else from the bundle. */
public final class ScopeTexts {
    /** One line of the consent page. */
    public record Line(String title, String description) {}

    private final Map<String, CellConfig.ScopeDescription> configured;

    public ScopeTexts(Map<String, CellConfig.ScopeDescription> configured) {
        this.configured = Map.copyOf(configured);
    }

    public List<Line> lines(Messages m, Collection<String> scopes) {
        return scopes.stream().map(s -> new Line(m.scopeTitle(s), configured.containsKey(s)
                ? configured.get(s).in(m.languageTag()) : m.scopeDescription(s))).toList();
    }
}
