package dev.sessionstate.store.memory;

import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery state of a single process, which is the whole cluster of the in-memory store: leases and
 * progress in maps, each changed atomically ({@code compute}), leases judged by the given clock.
 */
public final class InMemoryDeliveryState implements DeliveryState {

    private final InstantSource clock;
    private final Map<String, Held> leases = new ConcurrentHashMap<>();
    private final Map<String, Versioned<DeliveryProgress>> progress = new ConcurrentHashMap<>();

    public InMemoryDeliveryState(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Boolean> hold(String endpoint, String owner, Duration length) {
        Instant now = clock.instant();
        Held held = leases.compute(
                endpoint,
                (key, current) -> current == null
                                || current.owner().equals(owner)
                                || !current.until().isAfter(now)
                        ? new Held(owner, now.plus(length))
                        : current);
        return CompletableFuture.completedFuture(held.owner().equals(owner));
    }

    @Override
    public CompletionStage<Void> release(String endpoint, String owner) {
        leases.computeIfPresent(endpoint, (key, current) -> current.owner().equals(owner) ? null : current);
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

    /** A lease: who holds it, until when. */
    private record Held(String owner, Instant until) {}
}
