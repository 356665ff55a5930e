package dev.sessionstate.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a stored session counts as expired. Every store asks this rule; none states its own.
 *
 * <p>A store may skip writing back an access that only moves {@code lastAccessedAt} (a cheap
 * touch) while the stored access time is less than the session's <em>touch grace</em> old: the
 * touch interval, capped at a tenth of the session's timeout. The stored time then lags the real
 * last access by less than the grace, so a stored session counts as expired once
 * {@code lastAccessedAt + timeout + grace} has passed: never before its idle timeout, at most
 * the grace after it. With a touch interval of zero ({@link #EXACT}) every access is written and
 * expiry is exact. The maximum lifetime has no grace: a session counts as expired from its
 * {@link Session#absoluteExpiresAt()} on, however recently it was accessed.
 */
public record ExpiryRule(Duration touchInterval) {

    /** Every access is written; a session expires exactly at {@link Session#expiresAt()}. */
    public static final ExpiryRule EXACT = new ExpiryRule(Duration.ZERO);

    public ExpiryRule {
        if (touchInterval.isNegative()) {
            throw new IllegalArgumentException("touch interval must not be negative");
        }
    }

    /** How long the stored access time of {@code session} may lag the real one. */
    public Duration grace(Session session) {
        return Duration.ofMillis(graceMillis(session));
    }

    /** {@link #grace} in whole milliseconds, as session times are kept. */
    private long graceMillis(Session session) {
        return Math.min(touchInterval.toMillis(), session.timeoutSeconds() * 100L);
    }

    /**
     * True once {@code stored} has gone unaccessed for its timeout plus its grace, or has reached
     * its maximum lifetime.
     */
    public boolean isExpired(Session stored, Instant now) {
        // The session's times are whole milliseconds, so comparing them with now's whole milliseconds is exact.
        long nowMillis = now.toEpochMilli();
        return reachedMaxLifetime(stored, nowMillis) || nowMillis >= stored.idleExpiresAtMillis() + graceMillis(stored);
    }

    /**
     * True once {@code stored} has reached its maximum lifetime: then that, rather than idleness,
     * is what ended it.
     */
    public static boolean reachedMaxLifetime(Session stored, Instant now) {
        return reachedMaxLifetime(stored, now.toEpochMilli());
    }

    private static boolean reachedMaxLifetime(Session stored, long nowMillis) {
        return stored.maxLifetimeSeconds() != 0 && nowMillis >= stored.absoluteExpiresAtMillis();
    }

    /**
     * How long, from {@code now}, a store must keep {@code stored} at least: until its idle expiry
     * plus the grace, or its absolute expiry when that comes first. Zero or negative when it has
     * expired.
     */
    public Duration keepFor(Session stored, Instant now) {
        Instant idle = stored.idleExpiresAt().plus(grace(stored));
        Instant absolute = stored.absoluteExpiresAt();
        Instant end = absolute != null && absolute.isBefore(idle) ? absolute : idle;
        return Duration.between(now, end);
    }

    /**
     * Whether {@code next}, made from {@code current}, must be written: its content or its lease
     * changed, or its access time moved by a grace or more.
     */
    public boolean needsWrite(Session current, Session next) {
        if (next.version() != current.version()
                || next.fence() != current.fence()
                || !Objects.equals(next.lease(), current.lease())) {
            return true;
        }
        long moved = next.lastAccessedAtMillis() - current.lastAccessedAtMillis();
        return moved != 0 && moved >= graceMillis(current);
    }
}
