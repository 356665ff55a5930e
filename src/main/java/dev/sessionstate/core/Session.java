package dev.sessionstate.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One session as stored: identity, sliding-expiry data, settings and items.
 *
 * <p>Expiry is data, not a timer: a session is expired once {@code now} reaches
 * {@link #expiresAt()}, the last access plus the idle timeout ({@link ExpiryRule} says exactly
 * when, for stores that skip writing some accesses). {@code version} counts changes of
 * content (items, settings, properties) and is the session's ETag; touching a session moves
 * {@code lastAccessedAt} but keeps the version, so a read never invalidates a client's If-Match.
 *
 * <p>{@code lease} is the exclusive lease taken on the session, or null; it may have expired.
 * {@code fence} is the id of the last lease granted (0 before the first), kept after release, so
 * that every new lease gets a greater id. Neither is content: changing them keeps the version.
 */
public record Session(
        String id,
        Instant createdAt,
        Instant lastAccessedAt,
        int timeoutSeconds,
        boolean readOnly,
        SessionProperties properties,
        Items items,
        long version,
        Lease lease,
        long fence) {

    /** A session that was never leased. */
    public Session(
            String id,
            Instant createdAt,
            Instant lastAccessedAt,
            int timeoutSeconds,
            boolean readOnly,
            SessionProperties properties,
            Items items,
            long version) {
        this(id, createdAt, lastAccessedAt, timeoutSeconds, readOnly, properties, items, version, null, 0);
    }

    /** A new session at version 1. */
    public static Session create(String id, Instant now, int timeoutSeconds, boolean readOnly, Items items) {
        return new Session(id, now, now, timeoutSeconds, readOnly, SessionProperties.NONE, items, 1);
    }

    public Instant expiresAt() {
        return lastAccessedAt.plus(Duration.ofSeconds(timeoutSeconds));
    }

    /** This session accessed at {@code now}; the version is unchanged. */
    public Session touchedAt(Instant now) {
        return now.equals(lastAccessedAt)
                ? this
                : new Session(id, createdAt, now, timeoutSeconds, readOnly, properties, items, version, lease, fence);
    }

    /** This session with new items, one version later. */
    public Session withItems(Items newItems) {
        return new Session(
                id,
                createdAt,
                lastAccessedAt,
                timeoutSeconds,
                readOnly,
                properties,
                newItems,
                version + 1,
                lease,
                fence);
    }

    /** This session with new settings and properties, one version later. */
    public Session withSettings(int newTimeoutSeconds, boolean newReadOnly, SessionProperties newProperties) {
        return new Session(
                id,
                createdAt,
                lastAccessedAt,
                newTimeoutSeconds,
                newReadOnly,
                newProperties,
                items,
                version + 1,
                lease,
                fence);
    }

    /** The lease that holds at {@code now}, or null when there is none or it has expired. */
    public Lease leaseAt(Instant now) {
        return lease != null && lease.isHeldAt(now) ? lease : null;
    }

    /** This session leased by {@code newLease}, whose id becomes the fence; the version is unchanged. */
    public Session withLease(Lease newLease) {
        return new Session(
                id,
                createdAt,
                lastAccessedAt,
                timeoutSeconds,
                readOnly,
                properties,
                items,
                version,
                newLease,
                Math.max(fence, newLease.id()));
    }

    /** This session with no lease; the fence and the version are unchanged. */
    public Session withoutLease() {
        return lease == null
                ? this
                : new Session(
                        id,
                        createdAt,
                        lastAccessedAt,
                        timeoutSeconds,
                        readOnly,
                        properties,
                        items,
                        version,
                        null,
                        fence);
    }
}
