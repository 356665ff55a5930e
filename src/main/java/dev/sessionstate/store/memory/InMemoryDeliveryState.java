package dev.sessionstate.store.memory;

import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryState;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery state of a single process, which is the whole cluster of the in-memory store: every
 * lease is granted to whoever asks (there is one dispatcher per endpoint in the process), and
 * progress is compare-and-set in a map.
 */
public final class InMemoryDeliveryState implements DeliveryState {

    private final Map<String, Versioned<DeliveryProgress>> progress = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Boolean> hold(String endpoint, String owner, Duration length) {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletionStage<Void> release(String endpoint, String owner) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Versioned<DeliveryProgress>> progress(String endpoint) {
        return CompletableFuture.completedFuture(progress.getOrDefault(endpoint, new Versioned<>(null, 0)));
    }

    @Override
    public CompletionStage<OptionalLong> save(String endpoint, long version, DeliveryProgress next) {
        long[] saved = {0};
        progress.compute(endpoint, (key, current) -> {
            long found = current == null ? 0 : current.version();
            if (found != version) {
                return current;
            }
            saved[0] = found + 1;
            return new Versioned<>(next, found + 1);
        });
        return CompletableFuture.completedFuture(saved[0] == 0 ? OptionalLong.empty() : OptionalLong.of(saved[0]));
    }
}
