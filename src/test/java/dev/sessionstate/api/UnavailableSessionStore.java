package dev.sessionstate.api;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.SessionUpdate;
import dev.sessionstate.core.UpdateResult;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A store that is down: forces the fault path. Selected only by {@link StoreDownTest}'s profile. */
@Alternative
@Singleton
public class UnavailableSessionStore implements SessionStore {

    @Override
    public String kind() {
        return "down";
    }

    @Override
    public CompletionStage<Void> insert(Session session) {
        return down();
    }

    @Override
    public <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update) {
        return down();
    }

    @Override
    public CompletionStage<Boolean> delete(
            String id, Instant now, EndReason reason, java.util.function.Consumer<Session> check) {
        return down();
    }

    @Override
    public CompletionStage<Session> rotate(
            String id, String newId, Instant now, java.util.function.UnaryOperator<Session> change) {
        return down();
    }

    @Override
    public CompletionStage<Long> count() {
        return down();
    }

    @Override
    public CompletionStage<Boolean> isAvailable() {
        return CompletableFuture.completedFuture(false);
    }

    private static <T> CompletionStage<T> down() {
        return CompletableFuture.failedFuture(
                new SessionException(SessionException.Kind.STORE_UNAVAILABLE, "The session store does not answer."));
    }
}
