package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import java.util.Map;

/**
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document): an https {@code client_id} resolves through its
 * document. The resolver sits inside the client registry, which every feature shares, so Assembly builds it; this feature says
 * so in discovery (§6).
 */
public final class ClientIdMetadataFeature implements Feature {
    @Override
    public String name() {
        return "client-id-metadata";
    }

    @Override
    public boolean enabled(CellConfig config) {
        return config.clientIdMetadata().policy().enabled() && config.features().authorizationCode();
    }

    @Override
    public void metadata(CellConfig config, Map<String, Object> metadata) {
        metadata.put("client_id_metadata_document_supported", true);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        // the resolver is part of context.clients(); nothing else to add
    }
}
