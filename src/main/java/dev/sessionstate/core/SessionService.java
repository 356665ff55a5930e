package dev.sessionstate.core;

import java.time.Instant;
import java.time.InstantSource;
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
        SessionProperties properties = new SessionProperties(null, null, null, request.cookieless());
        Session session = new Session(
                ids.next(),
                application,
                null,
                now,
                now,
                timeout,
                maxLifetime,
                request.readOnly(),
                properties,
                items,
                1,
                null,
                0);
        // The store reports the start to its SessionEvents: a shared store knows which replica's insert won.
        return store.insert(session).thenApply(ignored -> session);
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
                    SessionProperties next = new SessionProperties(
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
        return store.delete(id, now, current -> {
                    checkApplication(current);
                    precondition.check(current, now);
                })
                .thenCompose(removed -> removed
                        ? CompletableFuture.<Void>completedFuture(null)
                        : CompletableFuture.failedFuture(SessionException.sessionNotFound()));
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
        return store.update(id, now, current -> {
            checkApplication(current);
            return update.apply(current.touchedAt(now), now);
        });
    }

    /** Refuses a session of another application as if it did not exist. */
    private void checkApplication(Session session) {
        if (!application.equals(session.application())) {
            throw SessionException.sessionNotFound();
        }
    }
}
