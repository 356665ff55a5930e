package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.EndReason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.RemoteCacheManager;

/**
 * The claim on each session's end, shared by every replica: {@code putIfAbsent("end:<id>")} in a
 * cache of its own, so that of every replica that saw a session end (its own removal, or
 * Infinispan's expiry event, which reaches every replica) exactly one reports it. A claim is kept
 * for the events' retention, far longer than any duplicate of an end can arrive.
 *
 * <p>The cache is found or created on first use, like the sessions cache.
 */
public final class EndClaims implements AutoCloseable {

    private final SessionsCache cache;
    private final Duration keep;
    private final Duration operationTimeout;

    EndClaims(SessionsCache cache, Duration keep, Duration operationTimeout) {
        this.cache = cache;
        this.keep = keep;
        this.operationTimeout = operationTimeout;
    }

    /**
     * Claims in cache {@code settings.cache()} (created when missing, with {@code owners} copies),
     * each kept for {@code keep}.
     */
    public static EndClaims create(Supplier<RemoteCacheManager> manager, InfinispanSettings settings, Duration keep) {
        SessionsCache cache = new SessionsCache(
                manager,
                settings.cache(),
                InfinispanSettings.persistentCacheConfiguration(settings.owners(), Duration.ofMinutes(1)));
        return new EndClaims(cache, keep, settings.operationTimeout());
    }

    /**
     * Completes with true for the one caller in the cluster that claims the end of session
     * {@code id} first, false for every other; fails when Infinispan does not answer in time.
     */
    CompletionStage<Boolean> claim(String id, EndReason reason, Instant endedAt) {
        String claim = "{\"reason\":\"" + reason.wireName() + "\",\"endedAt\":\"" + endedAt + "\"}";
        CompletionStage<SessionsCache.Caches> caches = cache.get();
        return caches.thenCompose(c -> c.returning()
                        // The previous value tells who won: Hot Rod answers null to all without FORCE_RETURN_VALUE.
                        .putIfAbsentAsync("end:" + id, claim, keep.toSeconds(), TimeUnit.SECONDS))
                .toCompletableFuture()
                .orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((previous, failure) -> {
                    if (failure != null) {
                        cache.reset(caches);
                    }
                })
                .thenApply(previous -> previous == null);
    }

    @Override
    public void close() {
        cache.close();
    }
}
