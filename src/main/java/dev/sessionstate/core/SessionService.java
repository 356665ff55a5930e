package dev.sessionstate.core;

import static dev.sessionstate.core.SessionException.Kind.ITEM_NOT_FOUND;

import dev.sessionstate.store.Change;
import dev.sessionstate.store.SessionStore;
import dev.sessionstate.store.SessionUpdate;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The session operations of the API. Each one is a single atomic update in the store that also
 * touches the session (sliding expiry), so no operation is a read followed by a separate write.
 * Every stage fails with a {@link SessionException} when the operation is refused, and then
 * nothing was changed.
 */
public final class SessionService {

    private final SessionStore store;
    private final SessionRules rules;
    private final SessionIds ids;
    private final InstantSource clock;
    private final SessionEvents events;

    public SessionService(SessionStore store, SessionRules rules, SessionIds ids, InstantSource clock, SessionEvents events) {
        this.store = store;
        this.rules = rules;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
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
        Session session = Session.create(ids.next(), clock.instant(), timeout, request.readOnly(), items);
        return store.insert(session).thenApply(ignored -> {
            events.created();
            return session;
        });
    }

    /** Reads a session, touching it. */
    public CompletionStage<Session> read(String id) {
        return apply(id, current -> new Change<>(current, null)).thenApply(Change::session);
    }

    /** Changes a session's settings and properties. Allowed on read-only sessions (it is how they are made writable). */
    public CompletionStage<Session> patch(String id, SessionPatch patch, Precondition precondition) {
        return apply(id, current -> {
            precondition.check(current);
            SessionProperties p = current.properties();
            SessionProperties next = new SessionProperties(
                    patch.commandParm().apply(p.commandParm(), null),
                    patch.lcid().apply(p.lcid(), null),
                    patch.codePage().apply(p.codePage(), null));
            rules.checkProperties(next);
            Integer timeout = patch.timeoutSeconds().apply(current.timeoutSeconds(), rules.defaultTimeout());
            boolean readOnly = patch.readOnly().apply(current.readOnly(), false);
            return new Change<>(current.withSettings(rules.timeout(timeout), readOnly, next), null);
        }).thenApply(Change::session);
    }

    /** Ends a session (abandon). Fails with SESSION_NOT_FOUND when there is no live session. */
    public CompletionStage<Void> end(String id) {
        if (!SessionIds.isWellFormed(id)) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        return store.delete(id, clock.instant()).thenCompose(removed -> removed
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.failedFuture(SessionException.sessionNotFound()));
    }

    /** Reads one item as JSON text, checking its type. */
    public CompletionStage<Change<String>> item(String id, String key, ValueType type) {
        rules.checkKey(key);
        return apply(id, current -> {
            String json = current.items().get(key);
            if (json == null) {
                throw itemNotFound(key);
            }
            type.check(key, json);
            return new Change<>(current, json);
        });
    }

    /** Stores one item; the result says whether the key was new. */
    public CompletionStage<Change<Boolean>> putItem(String id, String key, String json, ValueType type,
            Precondition precondition, boolean createOnly) {
        rules.checkKey(key);
        rules.checkValue(key, json);
        type.check(key, json);
        return apply(id, current -> {
            precondition.check(current);
            boolean exists = current.items().contains(key);
            if (createOnly && exists) {
                throw new SessionException(SessionException.Kind.PRECONDITION_FAILED,
                        "The item '" + key + "' exists, and If-None-Match: * asks to create it only.");
            }
            return new Change<>(write(current, items -> items.with(key, json)), !exists);
        });
    }

    /** Removes one item; removing an absent item is not an error. */
    public CompletionStage<Session> removeItem(String id, String key, Precondition precondition) {
        rules.checkKey(key);
        return write(id, precondition, items -> items.without(key));
    }

    /** Removes all items. */
    public CompletionStage<Session> clearItems(String id, Precondition precondition) {
        return write(id, precondition, items -> Items.EMPTY);
    }

    /** Sets and removes several items in one step; a null JSON text removes the key. */
    public CompletionStage<Session> patchItems(String id, Map<String, String> patch, Precondition precondition) {
        patch.forEach((key, json) -> {
            rules.checkKey(key);
            if (json != null) {
                rules.checkValue(key, json);
            }
        });
        return write(id, precondition, items -> {
            Items next = items;
            for (var e : patch.entrySet()) {
                next = e.getValue() == null ? next.without(e.getKey()) : next.with(e.getKey(), e.getValue());
            }
            return next;
        });
    }

    /** Reads the item at {@code index} in insertion order, as a key and JSON text. */
    public CompletionStage<Change<Map.Entry<String, String>>> itemAt(String id, int index) {
        return apply(id, current -> {
            String key = keyAt(current, index);
            return new Change<>(current, Map.entry(key, current.items().get(key)));
        });
    }

    /** Replaces the value of the item at {@code index}, keeping its key and position. */
    public CompletionStage<Session> setItemAt(String id, int index, String json, Precondition precondition) {
        return apply(id, current -> {
            precondition.check(current);
            String key = keyAt(current, index);
            rules.checkValue(key, json);
            return new Change<>(write(current, items -> items.with(key, json)), null);
        }).thenApply(Change::session);
    }

    /** Removes the item at {@code index}. */
    public CompletionStage<Session> removeItemAt(String id, int index, Precondition precondition) {
        return apply(id, current -> {
            precondition.check(current);
            String key = keyAt(current, index);
            return new Change<>(write(current, items -> items.without(key)), null);
        }).thenApply(Change::session);
    }

    /** Adds {@code delta} to the integer under {@code key}, which counts as 0 when absent. */
    public CompletionStage<Change<Long>> increment(String id, String key, long delta, Precondition precondition) {
        rules.checkKey(key);
        return apply(id, current -> {
            precondition.check(current);
            long value = Counters.add(key, current.items().get(key), delta);
            return new Change<>(write(current, items -> items.with(key, Long.toString(value))), value);
        });
    }

    private CompletionStage<Session> write(String id, Precondition precondition, UnaryOperator<Items> change) {
        return apply(id, current -> {
            precondition.check(current);
            return new Change<>(write(current, change), null);
        }).thenApply(Change::session);
    }

    /** The session with changed items, after the read-only and size checks. */
    private Session write(Session current, UnaryOperator<Items> change) {
        if (current.readOnly()) {
            throw new SessionException(SessionException.Kind.READ_ONLY,
                    "The session is read-only; PATCH it with readOnly false to change its items.");
        }
        Items next = change.apply(current.items());
        if (next == current.items()) {
            return current;
        }
        rules.checkItems(next);
        return current.withItems(next);
    }

    /** Runs {@code update} atomically on the touched session. */
    private <R> CompletionStage<Change<R>> apply(String id, SessionUpdate<R> update) {
        if (!SessionIds.isWellFormed(id)) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        var now = clock.instant();
        return store.update(id, now, current -> update.apply(current.touchedAt(now)));
    }

    private static String keyAt(Session session, int index) {
        String key = session.items().keyAt(index);
        if (key == null) {
            throw new SessionException(SessionException.Kind.INDEX_OUT_OF_RANGE, "No item at index " + index
                    + "; the session has " + session.items().size() + " items.");
        }
        return key;
    }

    private static SessionException itemNotFound(String key) {
        return new SessionException(ITEM_NOT_FOUND, "The session has no item '" + key + "'.");
    }
}
