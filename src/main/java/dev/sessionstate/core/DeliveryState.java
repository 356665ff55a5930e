package dev.sessionstate.core;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * Where the webhook dispatchers of a cluster agree on who delivers to an endpoint and how far it
 * got: one dispatch lease and one {@link DeliveryProgress} per endpoint. With the in-memory store
 * this process is the cluster; with Infinispan every replica shares them, so that each event gets
 * one attempt sequence per endpoint and a killed replica's endpoints are taken over when its lease
 * runs out.
 *
 * <p>All methods are thread-safe, atomic in the backing store and never block the calling thread;
 * they fail with STORE_UNAVAILABLE when the store does not answer.
 */
public interface DeliveryState extends AutoCloseable {

    /**
     * Takes the endpoint's lease for {@code owner}, or renews it when {@code owner} holds it, for
     * {@code length} from now. Completes with true when {@code owner} holds the lease afterwards,
     * false when another owner does.
     */
    CompletionStage<Boolean> hold(String endpoint, String owner, Duration length);

    /** Gives the lease up if {@code owner} holds it, so that another replica may take it at once; idempotent. */
    CompletionStage<Void> release(String endpoint, String owner);

    /** The endpoint's progress and its version; version 0 and {@code null} progress when none was ever saved. */
    CompletionStage<Versioned<DeliveryProgress>> progress(String endpoint);

    /**
     * Saves the endpoint's progress if its version is still {@code version} (0: none saved yet).
     * Completes with the new version, or empty, saving nothing, when someone saved another progress
     * in between.
     */
    CompletionStage<OptionalLong> save(String endpoint, long version, DeliveryProgress progress);

    /** Releases the state's resources. */
    @Override
    default void close() {}

    /** A value and the version it was read at. */
    record Versioned<T>(T value, long version) {}
}
