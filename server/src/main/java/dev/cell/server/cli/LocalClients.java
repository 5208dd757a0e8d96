package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataJson;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.api.Representations;
import dev.cell.token.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Clients} on the database, checked by the same validator as the admin API and registration. */
final class LocalClients implements Clients {
    private final ClientAdmin admin;

    LocalClients(ClientAdmin admin) {
        this.admin = admin;
    }

    @Override
    public List<JsonNode> list() {
        return admin.list().stream().map(c -> json(c, null)).toList();
    }

    @Override
    public JsonNode show(String clientId) {
        return json(found(clientId), null);
    }

    @Override
    public JsonNode create(String clientId, ObjectNode metadata) {
        ClientMetadata m = ClientMetadataJson.read(metadata, ClientMetadata.builder(), ClientMetadataJson.ALL_MEMBERS,
                ClientMetadataJson.UnknownMembers.REFUSE).build();
        ClientAdmin.Created created = admin.create(clientId, m);
        return json(created.client(), created.secret());
    }

    @Override
    public JsonNode update(String clientId, ObjectNode changes) {
        ClientAdmin.Created updated = admin.update(found(clientId).clientId(),
                b -> ClientMetadataJson.read(changes, b, ClientMetadataJson.ALL_MEMBERS, ClientMetadataJson.UnknownMembers.REFUSE));
        return json(updated.client(), updated.secret());
    }

    @Override
    public JsonNode rotateSecret(String clientId, Duration gracePeriod) {
        ClientAdmin.Rotated rotated = admin.rotateSecret(found(clientId).clientId(), gracePeriod);
        return json(rotated.client(), rotated.secret());
    }

    @Override
    public void delete(String clientId) {
        if (!admin.delete(clientId)) {
            throw Clients.noClient(clientId);
        }
    }

    private Client found(String clientId) {
        return admin.find(clientId).orElseThrow(() -> Clients.noClient(clientId));
    }

    /** The admin API's representation, with the secret when one was just made. */
    private static JsonNode json(Client c, String secret) {
        Map<String, Object> out = new LinkedHashMap<>(Representations.client(c));
        if (secret != null) {
            out.put("client_secret", secret);
        }
        return Json.MAPPER.valueToTree(out);
    }
}
