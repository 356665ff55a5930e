package dev.sessionstate.core;

import java.time.Duration;
import java.time.Instant;

/**
 * An exclusive lease on a session, as ASP.NET's GetItemExclusive takes it: while it is held and
 * unexpired, every write must name its {@code id}. The id is the session's fence counter at the
 * time it was granted, so ids only grow for a session and serve as fencing tokens downstream.
 * A lease past {@code expiresAt} is free: the next acquirer takes it with a greater id.
 */
public record Lease(long id, Instant acquiredAt, Instant expiresAt) {

    /** True while the lease holds at {@code now}: before its expiry. */
    public boolean isHeldAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whole seconds since the lease was acquired, as ASP.NET's lockAge. */
    public long ageSeconds(Instant now) {
        return Math.max(0, Duration.between(acquiredAt, now).toSeconds());
    }

    /** Seconds until the lease expires, rounded up: when another caller may take it. */
    public long secondsLeft(Instant now) {
        Duration left = Duration.between(now, expiresAt);
        return Math.max(0, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
    }
}
