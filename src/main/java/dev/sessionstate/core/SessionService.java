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
    private final SessionEvents events;
    private final String application;

    /** The service of the default application. */
    public SessionService(
            SessionStore store, SessionRules rules, SessionIds ids, InstantSource clock, SessionEvents events) {
        this(store, rules, ids, clock, events, Session.DEFAULT_APPLICATION);
    }

    public SessionService(
            SessionStore store,
            SessionRules rules,
            SessionIds ids,
            InstantSource clock,
            SessionEvents events,
            String application) {
        this.store = store;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.application = application;
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

    /** Creates a session with a new random id. */
    public CompletionStage<Session> create(NewSession request) {
        int timeout = rules.timeout(request.timeoutSeconds());
        request.items().forEach((key, json) -> {
            rules.checkKey(key);
            rules.checkValue(key, json);
        });
        Items items = Items.of(request.items());
        rules.checkItems(items);
        Session session = Session.create(ids.next(), clock.instant(), timeout, request.readOnly(), items)
                .ownedBy(application, null, 0);
        return store.insert(session).thenApply(ignored -> {
            events.created();
            return session;
        });
    }

    /** Reads a session, touching it. */
    public CompletionStage<Session> read(String id) {
        return update(id, current -> new UpdateResult<>(current, null)).thenApply(UpdateResult::session);
    }

    /**
     * Changes a session's settings and properties. Allowed on read-only sessions (it is how they are made writable).
     */
    public CompletionStage<Session> patch(String id, SessionPatch patch, Precondition precondition) {
        return write(id, precondition, current -> {
                    SessionProperties p = current.properties();
                    SessionProperties next = new SessionProperties(
                            patch.commandParm().apply(p.commandParm(), null),
                            patch.lcid().apply(p.lcid(), null),
                            patch.codePage().apply(p.codePage(), null),
                            p.cookieless());
                    rules.checkProperties(next);
                    Integer timeout = patch.timeoutSeconds().apply(current.timeoutSeconds(), rules.defaultTimeout());
                    boolean readOnly = patch.readOnly().apply(current.readOnly(), false);
                    return new UpdateResult<>(current.withSettings(rules.timeout(timeout), readOnly, next), null);
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
