package dev.sessionstate.config;

/** The stores that {@code sessions.store.kind} selects. */
public enum StoreKind {
    memory,
    infinispan
}
