package dev.sessionstate.core;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * The session operations of the API: create, read, change settings, end. Each one is a single
 * atomic update in the store that also touches the session (sliding expiry), so no operation is a
 * read followed by a separate write. Every stage fails with a {@link SessionException} when the
 * operation is refused, and then nothing was changed. Item operations are in {@link ItemService}.
 *
 * <p>A service serves one application: it creates sessions of that application, and a session of
 * any other answers SESSION_NOT_FOUND exactly as an unknown one ({@link ApplicationServices} holds
 * the service of each application).
 */
public final class SessionService {

    private final SessionStore store;
    private final SessionRules rules;
    private final SessionIds ids;
    private final InstantSource clock;
    private final String application;
    private final Lifetimes lifetimes;
    private final Owners owners;

    /** The service of the default application, where sessions have no maximum lifetime unless they ask for one. */
    public SessionService(SessionStore store, SessionRules rules, SessionIds ids, InstantSource clock) {
        this(store, rules, ids, clock, Session.DEFAULT_APPLICATION, Lifetimes.NONE_BY_DEFAULT);
    }

    public SessionService(
            SessionStore store,
            SessionRules rules,
            SessionIds ids,
            InstantSource clock,
            String application,
            Lifetimes lifetimes) {
        this(store, rules, ids, clock, application, lifetimes, null);
    }

    /** @param owners the owners' indexes and limit, or null to refuse sessions with an owner */
    public SessionService(
            SessionStore store,
            SessionRules rules,
            SessionIds ids,
            InstantSource clock,
            String application,
            Lifetimes lifetimes,
            Owners owners) {
        this.owners = owners;
        this.store = store;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
        this.application = application;
        this.lifetimes = lifetimes;
    }

    /** The application this service serves. */
    public String application() {
        return application;
    }

    /** The name of the store that serves sessions. */
    public String mode() {
        return store.kind();
    }

    public SessionRules rules() {
        return rules;
    }

    /** Creates a session with a new random id, starting with the application's initial items and the requested ones. */
    public CompletionStage<Session> create(NewSession request) {
        int timeout = rules.timeout(request.timeoutSeconds());
        int maxLifetime = lifetimes.atCreate(request.maxLifetimeSeconds());
        Items items = rules.startingItems(request.items());
        Instant now = clock.instant();
        SessionProperties properties = SessionProperties.of(null, null, null, request.cookieless());
        Session session = new Session(
                ids.next(),
                application,
                request.owner(),
                now.toEpochMilli(),
                now.toEpochMilli(),
                timeout,
                maxLifetime,
                request.readOnly(),
                properties,
                items,
                1,
                null,
                0);
        if (session.owner() == null) {
            return insert(session);
        }
        // The owner's list takes the new id first, within the limit; only then is the session stored.
        return owners().reserve(session, now)
                .thenCompose(evicted -> insert(session)
                        .exceptionallyCompose(failure -> owners.remove(application, session.owner(), session.id(), now)
                                .handle((ignored, cleanupFailure) -> null)
                                .thenCompose(
                                        ignored -> CompletableFuture.<Session>failedFuture(Failures.cause(failure))))
                        .thenCompose(created -> evict(evicted, now).thenApply(ignored -> created)));
    }

    private CompletionStage<Session> insert(Session session) {
        // The store reports the start to its SessionEvents: a shared store knows which replica's insert won.
        return store.insert(session).thenApply(ignored -> session);
    }

    /** Ends sessions that a create evicted; one that ended meanwhile is skipped. */
    private CompletionStage<Void> evict(List<String> evicted, Instant now) {
        CompletableFuture<?>[] ends = evicted.stream()
                .map(id -> store.delete(id, now, EndReason.EVICTED, this::checkApplication)
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(ends);
    }

    private Owners owners() {
        if (owners == null) {
            throw new IllegalStateException("this service has no owners' index");
        }
        return owners;
    }

    /** Reads a session, touching it. */
    public CompletionStage<Session> read(String id) {
        return update(id, current -> new UpdateResult<>(current, null)).thenApply(UpdateResult::session);
    }

    /**
     * Changes a session's settings and properties. Allowed on read-only sessions (it is how they are
     * made writable). The maximum lifetime may only be lowered.
     */
    public CompletionStage<Session> patch(String id, SessionPatch patch, Precondition precondition) {
        return write(id, precondition, current -> {
                    SessionProperties p = current.properties();
                    SessionProperties next = SessionProperties.of(
                            patch.commandParm().apply(p.commandParm(), null),
                            patch.lcid().apply(p.lcid(), null),
                            patch.codePage().apply(p.codePage(), null),
                            patch.cookieless().apply(p.cookieless(), false));
                    rules.checkProperties(next);
                    Integer timeout = patch.timeoutSeconds().apply(current.timeoutSeconds(), rules.defaultTimeout());
                    boolean readOnly = patch.readOnly().apply(current.readOnly(), false);
                    // The session was touched at the time of this change.
                    int maxLifetime = patch.maxLifetimeSeconds().present()
                            ? lifetimes.lowered(
                                    current, patch.maxLifetimeSeconds().value(), current.lastAccessedAt())
                            : current.maxLifetimeSeconds();
                    return new UpdateResult<>(
                            current.withSettings(rules.timeout(timeout), maxLifetime, readOnly, next), null);
                })
                .thenApply(UpdateResult::session);
    }

    /**
     * Ends a session (abandon). Fails with SESSION_NOT_FOUND when there is no live session, and
     * with SESSION_LOCKED, removing nothing, when {@code precondition}'s lease claim does not fit.
     */
    public CompletionStage<Void> end(String id, Precondition precondition) {
        if (!SessionIds.isWellFormed(id)) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        Instant now = clock.instant();
        String[] owner = new String[1];
        return store.delete(id, now, current -> {
                    checkApplication(current);
                    precondition.check(current, now);
                    owner[0] = current.owner();
                })
                .<Void>thenCompose(removed -> {
                    if (!removed) {
                        return CompletableFuture.failedFuture(SessionException.sessionNotFound());
                    }
                    return owner[0] == null ? CompletableFuture.<Void>completedFuture(null) : unlist(owner[0], id, now);
                });
    }

    /**
     * Takes an ended session out of its owner's list. Best effort: the session has ended whatever
     * happens here, and an entry left behind is dropped by the next read of the list.
     */
    private CompletionStage<Void> unlist(String owner, String id, Instant now) {
        return owners().remove(application, owner, id, now).exceptionally(failure -> null);
    }

    /**
     * Runs {@code update} atomically on session {@code id}, touched first (sliding expiry). Fails
     * with SESSION_NOT_FOUND for an id that is malformed, unknown or expired.
     */
    public <R> CompletionStage<UpdateResult<R>> update(String id, SessionUpdate<R> update) {
        return updateAt(id, (current, now) -> update.apply(current));
    }

    /**
     * {@link #update} for a change of content: {@code precondition} is checked on the touched
     * session first (the lease claim, then the version), and the lease is released with the
     * change when the claim asks for it.
     */
    public <R> CompletionStage<UpdateResult<R>> write(String id, Precondition precondition, SessionUpdate<R> update) {
        return updateAt(id, (current, now) -> {
            precondition.check(current, now);
            UpdateResult<R> written = update.apply(current);
            return new UpdateResult<>(precondition.lease().after(written.session()), written.result());
        });
    }

    /** {@link #update}, with the time of the operation given to {@code update}. */
    public <R> CompletionStage<UpdateResult<R>> updateAt(
            String id, BiFunction<Session, Instant, UpdateResult<R>> update) {
        if (!SessionIds.isWellFormed(id)) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        Instant now = clock.instant();
        Session[] before = new Session[1];
        CompletionStage<UpdateResult<R>> updated = store.update(id, now, current -> {
            checkApplication(current);
            before[0] = current;
            return update.apply(current.touchedAt(now), now);
        });
        // A store that has answered already (memory) needs no further stage unless the owner's list moves.
        if (updated instanceof CompletableFuture<UpdateResult<R>> done
                && done.isDone()
                && !done.isCompletedExceptionally()
                && !needsExtension(before[0], done.getNow(null))) {
            return updated;
        }
        return updated.thenCompose(done -> needsExtension(before[0], done)
                ? owners.extend(done.session(), now).handle((ignored, failure) -> done)
                : CompletableFuture.completedFuture(done));
    }

    private boolean needsExtension(Session before, UpdateResult<?> done) {
        return owners != null && Owners.needsExtension(before, done.session());
    }

    /** {@link #rotate(String, String, Precondition)} without an owner: the session keeps the one it has, if any. */
    public CompletionStage<Session> rotate(String id, Precondition precondition) {
        return rotate(id, null, precondition);
    }

    /**
     * Gives a live session a new id (id rotation, against session fixation), keeping everything
     * else: items, settings, properties, owner, timeouts, creation time, version and lease. A
     * write, so {@code precondition} applies (a leased session needs its lease named). The old id
     * answers SESSION_NOT_FOUND from then on. The owner's list holds both ids while the session
     * moves (a limit counts it twice for that moment, never not at all), then only the new one.
     *
     * <p>{@code owner}, when not null, is the owner the session must have afterwards (a user who
     * logged in): the same as it has changes nothing; a session without one is given it, one
     * version later, within the owner's limit as a create is (OWNER_LIMIT_REACHED, or the owner's
     * least recently used sessions end once the move is done); another fails with OWNER_MISMATCH.
     * The new id enters the owner's list before the move and leaves it again when the move fails.
     */
    public CompletionStage<Session> rotate(String id, String owner, Precondition precondition) {
        String newId = ids.next();
        return read(id).thenCompose(found -> {
            Instant now = clock.instant();
            if (owner != null && !owner.equals(found.owner())) {
                return found.owner() == null
                        ? claim(found, owner, newId, now, precondition)
                        : CompletableFuture.failedFuture(ownerMismatch());
            }
            if (found.owner() == null) {
                return moveTo(id, newId, now, precondition, null);
            }
            String kept = found.owner();
            return owners().add(renamed(found, newId), now)
                    .thenCompose(ignored -> moveTo(id, newId, now, precondition, kept))
                    .handle((moved, failure) -> afterMove(kept, id, newId, now, moved, failure))
                    .thenCompose(stage -> stage);
        });
    }

    /** Rotates a session without owner to {@code owner}, entering the new id in its list first as create does. */
    private CompletionStage<Session> claim(
            Session found, String owner, String newId, Instant now, Precondition precondition) {
        return owners().reserve(renamed(found, newId).claimedBy(owner), now)
                .thenCompose(evicted -> moveTo(found.id(), newId, now, precondition, owner)
                        .handle((moved, failure) -> failure == null
                                ? evict(evicted, now).thenApply(ignored -> moved)
                                : unlist(owner, newId, now)
                                        .thenCompose(ignored ->
                                                CompletableFuture.<Session>failedFuture(Failures.cause(failure))))
                        .thenCompose(stage -> stage));
    }

    private static SessionException ownerMismatch() {
        return new SessionException(
                SessionException.Kind.OWNER_MISMATCH,
                "The session has another owner; an owner is set once and kept for the session's life.");
    }

    /** Takes the id that is gone out of the owner's list: the old one after a move, the new one after a failure. */
    private CompletionStage<Session> afterMove(
            String owner, String id, String newId, Instant now, Session moved, Throwable failure) {
        if (failure == null) {
            return unlist(owner, id, now).thenApply(ignored -> moved);
        }
        return unlist(owner, newId, now)
                .thenCompose(ignored -> CompletableFuture.failedFuture(Failures.cause(failure)));
    }

    /**
     * Moves the session to {@code newId} in one atomic step of the store, where the owner is
     * checked again: {@code owner} (null: any) must be the session's, or it has none and is given it.
     */
    private CompletionStage<Session> moveTo(
            String id, String newId, Instant now, Precondition precondition, String owner) {
        return store.rotate(id, newId, now, current -> {
            checkApplication(current);
            Session touched = current.touchedAt(now);
            precondition.check(touched, now);
            if (owner == null || owner.equals(touched.owner())) {
                return renamed(touched, newId);
            }
            if (touched.owner() != null) {
                throw ownerMismatch();
            }
            return renamed(touched, newId).claimedBy(owner);
        });
    }

    private static Session renamed(Session s, String newId) {
        return new Session(
                newId,
                s.application(),
                s.owner(),
                s.createdAtMillis(),
                s.lastAccessedAtMillis(),
                s.timeoutSeconds(),
                s.maxLifetimeSeconds(),
                s.readOnly(),
                s.properties(),
                s.items(),
                s.version(),
                s.lease(),
                s.fence());
    }

    /** The owner's live sessions, newest first; without touching them. */
    public CompletionStage<List<Session>> ownedBy(String owner) {
        return owners().list(application, owner, clock.instant());
    }

    /**
     * Ends every live session of {@code owner} ("log out everywhere"), each as an abandon would,
     * whatever lease holds it; completes with how many it ended.
     */
    public CompletionStage<Integer> endOwnedBy(String owner) {
        Instant now = clock.instant();
        return ownedBy(owner).thenCompose(sessions -> {
            List<CompletableFuture<Boolean>> ends = sessions.stream()
                    .map(s -> store.delete(s.id(), now, this::checkApplication).toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                    .thenCompose(ignored -> owners.remove(
                                    application,
                                    owner,
                                    sessions.stream().map(Session::id).toList(),
                                    now)
                            .exceptionally(failure -> null))
                    .thenApply(ignored ->
                            (int) ends.stream().filter(CompletableFuture::join).count());
        });
    }

    /** Refuses a session of another application as if it did not exist. */
    private void checkApplication(Session session) {
        if (!application.equals(session.application())) {
            throw SessionException.sessionNotFound();
        }
    }
}
