package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.core.SessionException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCacheManager;

/**
 * Webhook delivery state shared by every replica, in a cache of its own (created when missing, kept
 * on disk like the event log): per endpoint, {@code lease:<endpoint>} (the owner, as a JSON string,
 * with the lease's lifespan: a replica killed stops renewing and the entry expires) and
 * {@code progress:<endpoint>} ({@link DeliveryDocuments}). A lease is taken with
 * {@code putIfAbsent} and renewed with a versioned replace; progress is saved with a versioned
 * replace, so that a replica whose lease ran out cannot overwrite the progress of the one that
 * took over.
 */
public final class InfinispanDeliveryState implements DeliveryState {

    private final SessionsCache cache;

    public InfinispanDeliveryState(Supplier<RemoteCacheManager> manager, String cacheName, int owners) {
        this.cache = new SessionsCache(
                manager, cacheName, InfinispanSettings.persistentCacheConfiguration(owners, Duration.ofMinutes(1)));
    }

    @Override
    public CompletionStage<Boolean> hold(String endpoint, String owner, Duration length) {
        String key = "lease:" + endpoint;
        String value = '"' + owner + '"';
        long seconds = Math.max(1, length.toSeconds());
        return on(caches -> caches.plain().getWithMetadataAsync(key).thenCompose(current -> {
            if (current == null) {
                return caches.returning()
                        .putIfAbsentAsync(key, value, seconds, TimeUnit.SECONDS)
                        .thenApply(previous -> previous == null || previous.equals(value));
            }
            if (!current.getValue().equals(value)) {
                return CompletableFuture.completedFuture(false);
            }
            return caches.plain()
                    .replaceWithVersionAsync(
                            key, value, current.getVersion(), seconds, TimeUnit.SECONDS, 0, TimeUnit.SECONDS);
        }));
    }

    @Override
    public CompletionStage<Void> release(String endpoint, String owner) {
        String key = "lease:" + endpoint;
        return on(caches -> caches.plain().getWithMetadataAsync(key).thenCompose(current -> {
            if (current == null || !current.getValue().equals('"' + owner + '"')) {
                return CompletableFuture.completedFuture(null);
            }
            return caches.plain()
                    .removeWithVersionAsync(key, current.getVersion())
                    .thenApply(removed -> null);
        }));
    }

    @Override
    public CompletionStage<Versioned<DeliveryProgress>> progress(String endpoint) {
        return on(caches -> caches.plain()
                .getWithMetadataAsync("progress:" + endpoint)
                .thenApply(InfinispanDeliveryState::versioned));
    }

    @Override
    public CompletionStage<OptionalLong> save(String endpoint, long version, DeliveryProgress progress) {
        String key = "progress:" + endpoint;
        String json = DeliveryDocuments.write(progress);
        return on(caches -> {
            CompletableFuture<Boolean> written = version == 0
                    ? caches.returning().putIfAbsentAsync(key, json).thenApply(previous -> previous == null)
                    : caches.plain().replaceWithVersionAsync(key, json, version);
            // The new version is read back; a document other than ours means someone saved since.
            return written.thenCompose(saved -> !saved
                    ? CompletableFuture.completedFuture(OptionalLong.empty())
                    : caches.plain()
                            .getWithMetadataAsync(key)
                            .thenApply(now -> now != null && now.getValue().equals(json)
                                    ? OptionalLong.of(now.getVersion())
                                    : OptionalLong.empty()));
        });
    }

    private static Versioned<DeliveryProgress> versioned(MetadataValue<String> stored) {
        return stored == null
                ? new Versioned<>(null, 0)
                : new Versioned<>(DeliveryDocuments.read(stored.getValue()), stored.getVersion());
    }

    /** Runs an operation on the cache; any failure of Infinispan is STORE_UNAVAILABLE. */
    private <T> CompletionStage<T> on(Function<SessionsCache.Caches, CompletionStage<T>> operation) {
        CompletionStage<SessionsCache.Caches> caches = cache.get();
        return caches.thenCompose(operation).exceptionallyCompose(failure -> {
            cache.reset(caches);
            return CompletableFuture.failedFuture(new SessionException(
                    SessionException.Kind.STORE_UNAVAILABLE, "Webhook delivery state unavailable"));
        });
    }

    @Override
    public void close() {
        cache.close();
    }
}
