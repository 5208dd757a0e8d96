package dev.cell.jdbc;

import dev.cell.store.Stores;

/** What every store contract needs: the stores under test, over an emptied database. */
interface StoreContract {
    Stores stores();

    /** The database itself, for the stores an optional feature builds on it. */
    Database database();
}
