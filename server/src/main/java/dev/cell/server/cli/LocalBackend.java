package dev.cell.server.cli;

import dev.cell.account.PasswordHasher;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.config.CellConfig;
import dev.cell.event.AuditSink;
import dev.cell.server.feature.Features;
import dev.cell.jdbc.Database;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.server.AuditLog;
import dev.cell.server.MasterKeys;
import dev.cell.server.Revocation;
import dev.cell.server.admin.AuditRecorder;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.server.feature.BackchannelLogoutFeature;
import dev.cell.session.SessionEnder;
import dev.cell.store.Stores;
import dev.cell.token.GrantRevoker;
import dev.cell.token.RandomValues;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The configured database, opened for the command's duration; changes go to the audit log ({@code logging.audit-file}) and to
 * the audit trail in the database, as a server's do.
 */
final class LocalBackend implements Backend {
    private final CellConfig config;
    private final Database db;
    private final Clock clock = Clock.systemUTC();
    private final AuditRecorder recorder;
    private final AuditSink audit;

    LocalBackend(CellCommand root) {
        this.config = Cli.config(root);
        this.db = Cli.open(config);
        this.recorder = new AuditRecorder(db.stores().audit(), new RandomValues(Cli.random(), clock), clock);
        this.audit = new AuditLog(clock, recorder);
    }

    @Override
    public Users users() {
        Stores stores = db.stores();
        UserAdmin admin = new UserAdmin(stores.users(), new PasswordHasher(), new RandomValues(Cli.random()), clock, audit, Cli.actor());
        GrantRevoker revoker = Revocation.revoker(stores, config, clock);
        SessionEnder ender = Revocation.ender(stores, revoker, BackchannelLogoutFeature.queue(config, stores, new RandomValues(Cli.random(), clock),
                clock), clock);
        return new LocalUsers(stores, admin, revoker, ender, audit, Cli.actor(), clock);
    }

    @Override
    public Keys keys(boolean demoMasterKey) {
        return new LocalKeys(config, db, demoMasterKey, audit, clock);
    }

    @Override
    public AuditTrail audit() {
        return new LocalAuditTrail(db.stores().audit());
    }

    @Override
    public Clients clients(boolean demoMasterKey) {
        SecureRandom random = Cli.random();
        return new LocalClients(new ClientAdmin(db.stores().clients(), new ClientMetadataValidator(Features.grants(config)),
                new RandomValues(random), clock, () -> MasterKeys.resolve(config.keys(), demoMasterKey, random), audit, Cli.actor()));
    }

    @Override
    public RegistrationTokens registrationTokens() {
        InitialAccessTokens tokens = new InitialAccessTokens(db.stores().initialAccessTokens(), new RandomValues(Cli.random(), clock), clock,
                audit);
        return new LocalRegistrationTokens(tokens, config.registration().initialAccessTokenLifetime());
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public void close() {
        recorder.close();
        db.close();
    }
}
