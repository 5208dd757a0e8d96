package dev.cell.bench;

import java.io.IOException;

/** What every connection of the load generator repeats; one iteration is one measured latency. */
interface Scenario {
    /** Prepares one connection's own state before the run, unmeasured: a login, a first token. */
    Iteration begin() throws IOException, InterruptedException;

    /** A connection's state and the requests of one iteration. */
    interface Iteration {
        /** Sends this iteration's requests over the connection and judges the answers. */
        Outcome run(HttpConnection c) throws IOException;
    }

    /** How an iteration ended: the last answer looked at decides. */
    enum Outcome { OK, WRONG_STATUS, WRONG_BODY }

    /** OK when the connection's last answer had the status and, with expect, a body containing it. */
    static Outcome judge(HttpConnection c, int status) {
        if (c.status() != status) {
            return Outcome.WRONG_STATUS;
        }
        return c.bodyMatched() ? Outcome.OK : Outcome.WRONG_BODY;
    }
}
