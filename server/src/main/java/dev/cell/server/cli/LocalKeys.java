package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.config.CellConfig;
import dev.cell.event.AuditSink;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.server.CryptoProviders;
import dev.cell.server.MasterKeys;
import dev.cell.server.admin.KeyRotation;
import dev.cell.server.admin.api.Representations;
import dev.cell.token.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Keys} on the database; rotating needs the master key that seals the new private keys. */
final class LocalKeys implements Keys {
    private final CellConfig config;
    private final Database db;
    private final boolean demoMasterKey;
    private final AuditSink audit;
    private final Clock clock;

    /** @param demoMasterKey seal new keys with the demo master key kept in ./data rather than the configured one */
    LocalKeys(CellConfig config, Database db, boolean demoMasterKey, AuditSink audit, Clock clock) {
        this.config = config;
        this.db = db;
        this.demoMasterKey = demoMasterKey;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<JsonNode> list() {
        return db.stores().signingKeys().listAll().stream().map(k -> (JsonNode) Json.MAPPER.valueToTree(Representations.key(k, clock.instant())))
                .toList();
    }

    @Override
    public JsonNode rotate() {
        CryptoProviders.install();
        MasterKey masterKey = MasterKeys.resolve(config.keys(), demoMasterKey, Cli.random());
        KeyService keys = new KeyService(db.stores().signingKeys(), masterKey, new SigningKeyFactory(masterKey, config.keys().rsaKeySize()),
                config.keys().algorithms(), config.keys().refreshInterval(), config.tokens().longestSignedLifetime(), clock);
        keys.start();
        KeyRotation.Rotated rotated = new KeyRotation(keys, audit, clock).rotate(Cli.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", rotated.created().stream().map(k -> Representations.key(k, clock.instant())).toList());
        body.put("retired_keys_published_until", rotated.retiredUntil().toString());
        return Json.MAPPER.valueToTree(body);
    }
}
