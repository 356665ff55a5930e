package dev.sessionstate.core;

import java.time.Instant;

/**
 * One session in its owner's index.
 *
 * @param reservedAt when the entry was made, before the session was stored: a session not found
 *                   within {@link Owners#RESERVATION} of this may still be on its way, and is kept
 * @param horizon    no earlier than the latest moment the session can still be live, as far as
 *                   its last write told ({@link Owners#horizon}); the owner's document lives until
 *                   the latest horizon of its members
 */
public record OwnerMember(Instant reservedAt, Instant horizon) {}
