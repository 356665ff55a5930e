package dev.sessionstate.core;

import java.util.concurrent.CompletionException;

/** What a failed stage failed with. */
public final class Failures {

    private Failures() {}

    /**
     * The failure itself, or the cause that a {@link CompletionException} wraps: stages that
     * depend on a failed stage see the original failure wrapped once.
     */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
