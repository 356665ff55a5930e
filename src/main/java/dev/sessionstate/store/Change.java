package dev.sessionstate.store;

import dev.sessionstate.core.Session;

/**
 * The outcome of an atomic update: the session as stored afterwards, and a result for the caller.
 */
public record Change<R>(Session session, R result) {
}
