package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.SessionUpdate;
import dev.sessionstate.core.UpdateResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A store whose stages complete on the Vert.x context of the caller, for stores that complete
 * them on threads of their own (the Hot Rod client's). The request that called the store then
 * carries on where it began: on its event loop, with its request context active, one thread at
 * a time. A caller outside Vert.x gets the store's stage as it is.
 */
public final class ContextBoundSessionStore implements SessionStore {

    private final SessionStore delegate;

    public ContextBoundSessionStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public CompletionStage<Void> insert(Session session) {
        return onCallersContext(delegate.insert(session));
    }

    @Override
    public <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update) {
        return onCallersContext(delegate.update(id, now, update));
    }

    @Override
    public CompletionStage<Boolean> delete(String id, Instant now, EndReason reason, Consumer<Session> check) {
        return onCallersContext(delegate.delete(id, now, reason, check));
    }

    @Override
    public CompletionStage<Session> rotate(String id, String newId, Instant now, UnaryOperator<Session> change) {
        return onCallersContext(delegate.rotate(id, newId, now, change));
    }

    @Override
    public CompletionStage<Long> count() {
        return onCallersContext(delegate.count());
    }

    @Override
    public CompletionStage<Boolean> isAvailable() {
        return onCallersContext(delegate.isAvailable());
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** {@code stage}, completing on the Vert.x context of the caller, if it has one. */
    static <T> CompletionStage<T> onCallersContext(CompletionStage<T> stage) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return stage;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (Vertx.currentContext() == caller) {
                complete(result, value, failure);
            } else {
                caller.runOnContext(ignored -> complete(result, value, failure));
            }
        });
        return result;
    }

    private static <T> void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(failure);
        }
    }
}
