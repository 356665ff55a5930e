package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.Failures;
import dev.sessionstate.core.OwnerIndex;
import dev.sessionstate.core.OwnerMember;
import dev.sessionstate.core.OwnerMembers;
import dev.sessionstate.core.SessionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;

/**
 * Owners' documents in an Infinispan cache of their own ({@code session-owners} by default), found
 * or created like the sessions cache and shared by every replica. Each owner of each application
 * has one JSON document under {@code <application>:<sha256 of owner>}, changed only by
 * {@code putIfAbsent}, {@code replaceWithVersion} and {@code removeWithVersion}, so two replicas
 * can never both write over the same version. Every write gives the entry a lifespan up to the
 * latest horizon of its members: Infinispan removes the document of an owner whose sessions are
 * all gone, and nothing sweeps.
 */
public final class InfinispanOwnerIndex implements OwnerIndex {

    private final SessionsCache cache;
    private final OwnerDocuments documents = new OwnerDocuments();
    private final Duration operationTimeout;

    private InfinispanOwnerIndex(SessionsCache cache, Duration operationTimeout) {
        this.cache = cache;
        this.operationTimeout = operationTimeout;
    }

    /** An index in cache {@code name} of the cluster that {@code manager} connects to; nothing is contacted here. */
    public static InfinispanOwnerIndex create(
            Supplier<RemoteCacheManager> manager, InfinispanSettings settings, String name) {
        return new InfinispanOwnerIndex(
                new SessionsCache(manager, name, settings.cacheConfiguration()), settings.operationTimeout());
    }

    @Override
    public CompletionStage<OwnerMembers> read(String application, String owner, Instant now) {
        String key = OwnerDocuments.key(application, owner);
        return call(caches -> caches.plain()
                .getWithMetadataAsync(key)
                .thenApply(stored -> stored == null
                        ? OwnerMembers.NONE
                        : new OwnerMembers(documents.read(stored.getValue()), stored.getVersion())));
    }

    @Override
    public CompletionStage<Boolean> replace(
            String application, String owner, OwnerMembers expected, Map<String, OwnerMember> next, Instant now) {
        String key = OwnerDocuments.key(application, owner);
        if (next.isEmpty()) {
            return expected.version() == null
                    ? CompletableFuture.completedFuture(true)
                    : call(caches -> caches.plain().removeWithVersionAsync(key, expected.version()));
        }
        String document = documents.write(owner, next);
        long lifespan = lifespanSeconds(next, now);
        if (expected.version() == null) {
            return call(caches -> caches.returning()
                    .putIfAbsentAsync(key, document, lifespan, TimeUnit.SECONDS)
                    .thenApply(previous -> previous == null));
        }
        return call(caches -> caches.plain()
                .replaceWithVersionAsync(
                        key, document, expected.version(), lifespan, TimeUnit.SECONDS, -1, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        cache.close();
    }

    /** Until the latest horizon of the members, rounded up; at least a second. */
    private static long lifespanSeconds(Map<String, OwnerMember> members, Instant now) {
        Instant latest = members.values().stream()
                .map(OwnerMember::horizon)
                .max(Instant::compareTo)
                .orElse(now);
        Duration left = Duration.between(now, latest);
        return Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
    }

    /** Runs {@code operation} within the operation timeout; what Infinispan threw becomes STORE_UNAVAILABLE. */
    private <T> CompletionStage<T> call(Function<SessionsCache.Caches, CompletableFuture<T>> operation) {
        CompletionStage<SessionsCache.Caches> caches = cache.get();
        return ContextBoundSessionStore.onCallersContext(caches.thenCompose(operation)
                .toCompletableFuture()
                .orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> unavailable(caches, failure)));
    }

    private <T> CompletableFuture<T> unavailable(CompletionStage<SessionsCache.Caches> caches, Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof HotRodClientException) {
            // The server may have lost the cache (a restarted node): look it up again next time.
            cache.reset(caches);
        }
        if (cause instanceof HotRodClientException || cause instanceof TimeoutException) {
            return CompletableFuture.failedFuture(new SessionException(
                    SessionException.Kind.STORE_UNAVAILABLE,
                    "Infinispan did not answer for the owners' index. Try again shortly."));
        }
        return CompletableFuture.failedFuture(cause);
    }
}
