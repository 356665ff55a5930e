package dev.sessionstate.core;

import java.time.Instant;

/**
 * One session as stored: identity, sliding-expiry data, settings and items.
 *
 * <p>Expiry is data, not a timer: a session is expired once {@code now} reaches
 * {@link #expiresAt()}, the earlier of its idle expiry (the last access plus the idle timeout) and
 * its absolute expiry (creation plus the maximum lifetime, when it has one); {@link ExpiryRule}
 * says exactly when, for stores that skip writing some accesses. {@code version} counts changes of
 * content (items, settings, properties) and is the session's ETag; touching a session moves
 * {@code lastAccessedAt} but keeps the version, so a read never invalidates a client's If-Match.
 *
 * <p>{@code lease} is the exclusive lease taken on the session, or null; it may have expired.
 * {@code fence} is the id of the last lease granted (0 before the first), kept after release, so
 * that every new lease gets a greater id. Neither is content: changing them keeps the version.
 *
 * <p>{@code application} is the application that created the session; no other application sees
 * it. {@code owner} is the caller's name for whose session it is (a user id or a browser's
 * cookie), or null. {@code maxLifetimeSeconds} is the hard maximum lifetime counted from
 * {@code createdAt}, 0 for none.
 *
 * <p>A store holds one per session, so the two times are kept as milliseconds since the epoch
 * ({@code createdAtMillis}, {@code lastAccessedAtMillis}) rather than as {@link Instant}s (bench/RESULTS.md,
 * "Heap per session"): instants given to the short constructor or to {@link #touchedAt} lose what they
 * have below a millisecond. {@link #createdAt()} and {@link #lastAccessedAt()} give them as instants.
 */
public record Session(
        String id,
        String application,
        String owner,
        long createdAtMillis,
        long lastAccessedAtMillis,
        int timeoutSeconds,
        int maxLifetimeSeconds,
        boolean readOnly,
        SessionProperties properties,
        Items items,
        long version,
        Lease lease,
        long fence) {

    /** The application of every session when callers are not told apart (authentication off). */
    public static final String DEFAULT_APPLICATION = "default";

    /** A session of the default application, without owner or maximum lifetime, that was never leased. */
    public Session(
            String id,
            Instant createdAt,
            Instant lastAccessedAt,
            int timeoutSeconds,
            boolean readOnly,
            SessionProperties properties,
            Items items,
            long version) {
        this(
                id,
                DEFAULT_APPLICATION,
                null,
                createdAt.toEpochMilli(),
                lastAccessedAt.toEpochMilli(),
                timeoutSeconds,
                0,
                readOnly,
                properties,
                items,
                version,
                null,
                0);
    }

    /** A new session of the default application at version 1. */
    public static Session create(String id, Instant now, int timeoutSeconds, boolean readOnly, Items items) {
        return new Session(id, now, now, timeoutSeconds, readOnly, SessionProperties.NONE, items, 1);
    }

    /** This session as created by {@code newApplication} for {@code newOwner}, with a maximum lifetime (0: none). */
    public Session ownedBy(String newApplication, String newOwner, int newMaxLifetimeSeconds) {
        return new Session(
                id,
                newApplication,
                newOwner,
                createdAtMillis,
                lastAccessedAtMillis,
                timeoutSeconds,
                newMaxLifetimeSeconds,
                readOnly,
                properties,
                items,
                version,
                lease,
                fence);
    }

    /** This session given to {@code newOwner}, one version later (the owner is part of what it shows). */
    public Session claimedBy(String newOwner) {
        return new Session(
                id,
                application,
                newOwner,
                createdAtMillis,
                lastAccessedAtMillis,
                timeoutSeconds,
                maxLifetimeSeconds,
                readOnly,
                properties,
                items,
                version + 1,
                lease,
                fence);
    }

    /** When the session was created. */
    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }

    /** When the session was last accessed. */
    public Instant lastAccessedAt() {
        return Instant.ofEpochMilli(lastAccessedAtMillis);
    }

    /** When the session expires unless it is accessed before: the earlier of its idle and absolute expiries. */
    public Instant expiresAt() {
        long idle = idleExpiresAtMillis();
        return Instant.ofEpochMilli(maxLifetimeSeconds == 0 ? idle : Math.min(idle, absoluteExpiresAtMillis()));
    }

    /** The last access plus the idle timeout. */
    public Instant idleExpiresAt() {
        return Instant.ofEpochMilli(idleExpiresAtMillis());
    }

    /** When the maximum lifetime ends, or null when the session has none. */
    public Instant absoluteExpiresAt() {
        return maxLifetimeSeconds == 0 ? null : Instant.ofEpochMilli(absoluteExpiresAtMillis());
    }

    /** {@link #idleExpiresAt()} in milliseconds since the epoch. */
    long idleExpiresAtMillis() {
        return lastAccessedAtMillis + timeoutSeconds * 1000L;
    }

    /** {@link #absoluteExpiresAt()} in milliseconds since the epoch, for a session with a maximum lifetime. */
    long absoluteExpiresAtMillis() {
        return createdAtMillis + maxLifetimeSeconds * 1000L;
    }

    /** This session accessed at {@code now}; the version is unchanged. */
    public Session touchedAt(Instant now) {
        long nowMillis = now.toEpochMilli();
        return nowMillis == lastAccessedAtMillis
                ? this
                : with(nowMillis, timeoutSeconds, maxLifetimeSeconds, readOnly, properties, items, version);
    }

    /** This session with new items, one version later. */
    public Session withItems(Items newItems) {
        return with(
                lastAccessedAtMillis, timeoutSeconds, maxLifetimeSeconds, readOnly, properties, newItems, version + 1);
    }

    /** This session with new settings and properties, one version later. */
    public Session withSettings(int newTimeoutSeconds, boolean newReadOnly, SessionProperties newProperties) {
        return withSettings(newTimeoutSeconds, maxLifetimeSeconds, newReadOnly, newProperties);
    }

    /** This session with new settings (the maximum lifetime among them) and properties, one version later. */
    public Session withSettings(
            int newTimeoutSeconds, int newMaxLifetimeSeconds, boolean newReadOnly, SessionProperties newProperties) {
        return with(
                lastAccessedAtMillis,
                newTimeoutSeconds,
                newMaxLifetimeSeconds,
                newReadOnly,
                newProperties,
                items,
                version + 1);
    }

    /** The lease that holds at {@code now}, or null when there is none or it has expired. */
    public Lease leaseAt(Instant now) {
        return lease != null && lease.isHeldAt(now) ? lease : null;
    }

    /** This session leased by {@code newLease}, whose id becomes the fence; the version is unchanged. */
    public Session withLease(Lease newLease) {
        return withLease(newLease, Math.max(fence, newLease.id()));
    }

    /** This session with no lease; the fence and the version are unchanged. */
    public Session withoutLease() {
        return lease == null ? this : withLease(null, fence);
    }

    private Session with(
            long newLastAccessedAtMillis,
            int newTimeoutSeconds,
            int newMaxLifetimeSeconds,
            boolean newReadOnly,
            SessionProperties newProperties,
            Items newItems,
            long newVersion) {
        return new Session(
                id,
                application,
                owner,
                createdAtMillis,
                newLastAccessedAtMillis,
                newTimeoutSeconds,
                newMaxLifetimeSeconds,
                newReadOnly,
                newProperties,
                newItems,
                newVersion,
                lease,
                fence);
    }

    private Session withLease(Lease newLease, long newFence) {
        return new Session(
                id,
                application,
                owner,
                createdAtMillis,
                lastAccessedAtMillis,
                timeoutSeconds,
                maxLifetimeSeconds,
                readOnly,
                properties,
                items,
                version,
                newLease,
                newFence);
    }
}
