package dev.cell.bench;

import java.util.UUID;

/** The load generator's scenarios against Cell on an in-memory H2 database. */
class ScenariosOnH2Test extends ScenariosAgainstCell {
    @Override
    String databaseUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
