package dev.sessionstate.api;

import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.UpdateResult;
import dev.sessionstate.core.ValueType;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A PUT of an item, as both doors answer it ({@link ItemRoutes} for the usual request,
 * {@link ItemResource#put} for the rest): the body read as one JSON value, the If-Match,
 * If-None-Match and lease headers turned into preconditions, and the result turned into a status, a
 * {@code Location} for a new item and the session's {@code ETag}.
 */
@Singleton
public class ItemWrites {

    private final JsonBodies bodies;

    public ItemWrites(JsonBodies bodies) {
        this.bodies = bodies;
    }

    /**
     * Stores the item. Refusals of the request itself (bad JSON, bad header, bad key) throw; those
     * of the session rules fail the stage.
     *
     * @param items the caller's application's item service
     * @param uri the request's absolute URI, the new item's {@code Location}; asked for only when the item is new
     */
    CompletionStage<Written> put(
            ItemService items,
            String id,
            String key,
            ValueType type,
            Headers headers,
            byte[] body,
            Supplier<String> uri) {
        boolean createOnly = EntityTags.createOnly(headers.ifNoneMatch());
        CompletionStage<UpdateResult<Boolean>> stored = items.putItem(
                id, key, bodies.value(body), type, headers.lease().precondition(headers.ifMatch()), createOnly);
        // A store that has answered already (memory) needs no further stage.
        if (stored instanceof CompletableFuture<UpdateResult<Boolean>> done
                && done.isDone()
                && !done.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(written(done.getNow(null), uri));
        }
        return stored.thenApply(put -> written(put, uri));
    }

    private static Written written(UpdateResult<Boolean> put, Supplier<String> uri) {
        return put.result()
                ? new Written(201, uri.get(), EntityTags.of(put.session()))
                : new Written(200, null, EntityTags.of(put.session()));
    }

    /** The headers of a PUT that decide whether it may write; each may be null. */
    record Headers(String ifMatch, String ifNoneMatch, LeaseHeaders lease) {}

    /** The answer to a stored item: 201 with the item's location, or 200 when it replaced one. */
    record Written(int status, String location, String etag) {}
}
