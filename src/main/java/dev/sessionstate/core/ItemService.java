package dev.sessionstate.core;

import static dev.sessionstate.core.SessionException.Kind.ITEM_NOT_FOUND;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The item operations of the API. Each one is a single atomic update of the touched session
 * through {@link SessionService#write}; refused writes (lease, read-only session, limits, preconditions)
 * throw inside that update, so they change nothing.
 */
public final class ItemService {

    private final SessionService sessions;
    private final SessionRules rules;

    public ItemService(SessionService sessions) {
        this.sessions = sessions;
        this.rules = sessions.rules();
    }

    /** Reads one item as JSON text, checking its type. */
    public CompletionStage<UpdateResult<String>> item(String id, String key, ValueType type) {
        rules.checkKey(key);
        return sessions.update(id, current -> {
            String json = current.items().get(key);
            if (json == null) {
                throw itemNotFound(key);
            }
            type.check(key, json);
            return new UpdateResult<>(current, json);
        });
    }

    /** Reads one item of any type as the UTF-8 bytes of its JSON text, for answers that write them as they are. */
    public CompletionStage<UpdateResult<byte[]>> itemUtf8(String id, String key) {
        rules.checkKey(key);
        return sessions.update(id, current -> {
            byte[] json = current.items().utf8(key);
            if (json == null) {
                throw itemNotFound(key);
            }
            return new UpdateResult<>(current, json);
        });
    }

    /** Stores one item; the result says whether the key was new. */
    public CompletionStage<UpdateResult<Boolean>> putItem(
            String id, String key, String json, ValueType type, Precondition precondition, boolean createOnly) {
        rules.checkKey(key);
        rules.checkValue(key, json);
        type.check(key, json);
        return sessions.write(id, precondition, current -> {
            boolean exists = current.items().contains(key);
            if (createOnly && exists) {
                throw new SessionException(
                        SessionException.Kind.PRECONDITION_FAILED,
                        "The item '" + key + "' exists, and If-None-Match: * asks to create it only.");
            }
            return new UpdateResult<>(write(current, items -> items.with(key, json)), !exists);
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
    public CompletionStage<UpdateResult<Map.Entry<String, String>>> itemAt(String id, int index) {
        return sessions.update(id, current -> {
            String key = keyAt(current, index);
            return new UpdateResult<>(current, Map.entry(key, current.items().get(key)));
        });
    }

    /** Replaces the value of the item at {@code index}, keeping its key and position. */
    public CompletionStage<Session> setItemAt(String id, int index, String json, Precondition precondition) {
        return sessions.write(id, precondition, current -> {
                    String key = keyAt(current, index);
                    rules.checkValue(key, json);
                    return new UpdateResult<>(write(current, items -> items.with(key, json)), null);
                })
                .thenApply(UpdateResult::session);
    }

    /** Removes the item at {@code index}. */
    public CompletionStage<Session> removeItemAt(String id, int index, Precondition precondition) {
        return sessions.write(id, precondition, current -> {
                    String key = keyAt(current, index);
                    return new UpdateResult<>(write(current, items -> items.without(key)), null);
                })
                .thenApply(UpdateResult::session);
    }

    /** Adds {@code delta} to the integer under {@code key}, which counts as 0 when absent. */
    public CompletionStage<UpdateResult<Long>> increment(String id, String key, long delta, Precondition precondition) {
        rules.checkKey(key);
        return sessions.write(id, precondition, current -> {
            long value = Counters.add(key, current.items().get(key), delta);
            return new UpdateResult<>(write(current, items -> items.with(key, Long.toString(value))), value);
        });
    }

    private CompletionStage<Session> write(String id, Precondition precondition, UnaryOperator<Items> change) {
        return sessions.write(id, precondition, current -> {
                    return new UpdateResult<>(write(current, change), null);
                })
                .thenApply(UpdateResult::session);
    }

    /** The session with changed items, after the read-only and size checks. */
    private Session write(Session current, UnaryOperator<Items> change) {
        if (current.readOnly()) {
            throw new SessionException(
                    SessionException.Kind.READ_ONLY,
                    "The session is read-only; PATCH it with readOnly false to change its items.");
        }
        Items next = change.apply(current.items());
        if (next == current.items()) {
            return current;
        }
        rules.checkItems(next);
        return current.withItems(next);
    }

    private static String keyAt(Session session, int index) {
        String key = session.items().keyAt(index);
        if (key == null) {
            throw new SessionException(
                    SessionException.Kind.INDEX_OUT_OF_RANGE,
                    "No item at index " + index + "; the session has "
                            + session.items().size() + " items.");
        }
        return key;
    }

    private static SessionException itemNotFound(String key) {
        return new SessionException(ITEM_NOT_FOUND, "The session has no item '" + key + "'.");
    }
}
