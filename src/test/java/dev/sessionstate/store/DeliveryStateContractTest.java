package dev.sessionstate.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryProgress.Pending;
import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.core.DeliveryState.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryState} must do: one lease holder per endpoint at a time, renewable by
 * its holder, free once released or run out; progress saved only over the version it was read at.
 */
public abstract class DeliveryStateContractTest {

    private DeliveryState state;
    /** An endpoint name of this test alone: stores may be shared between tests. */
    private final String endpoint = "ep" + UUID.randomUUID().toString().replace("-", "");

    protected abstract DeliveryState createState();

    /** Lets time pass for leases where the test owns the clock; a real store's entries expire on their own. */
    protected abstract void pass(Duration time);

    @BeforeEach
    void create() {
        state = createState();
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void oneOwnerHoldsTheLeaseUntilItReleasesIt() {
        assertTrue(join(state.hold(endpoint, "a", Duration.ofSeconds(30))));
        assertFalse(join(state.hold(endpoint, "b", Duration.ofSeconds(30))));
        assertTrue(join(state.hold(endpoint, "a", Duration.ofSeconds(30))), "renewed by its holder");
        join(state.release(endpoint, "b"));
        assertFalse(join(state.hold(endpoint, "b", Duration.ofSeconds(30))), "only the holder releases");
        join(state.release(endpoint, "a"));
        assertTrue(join(state.hold(endpoint, "b", Duration.ofSeconds(30))));
    }

    @Test
    void aLeaseNotRenewedIsTakenOverOnceItRunsOut() {
        assertTrue(join(state.hold(endpoint, "a", Duration.ofSeconds(1))));
        assertFalse(join(state.hold(endpoint, "b", Duration.ofSeconds(30))));
        pass(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> join(state.hold(endpoint, "b", Duration.ofSeconds(30))));
        assertFalse(join(state.hold(endpoint, "a", Duration.ofSeconds(30))));
    }

    @Test
    void progressIsSavedOnlyOverTheVersionItWasReadAt() {
        Versioned<DeliveryProgress> none = join(state.progress(endpoint));
        assertNull(none.value());
        DeliveryProgress first =
                new DeliveryProgress(41, List.of(new Pending(38, 2, Instant.parse("2026-11-30T10:00:00.123Z"))));
        OptionalLong saved = join(state.save(endpoint, none.version(), first));
        assertTrue(saved.isPresent());
        assertEquals(OptionalLong.empty(), join(state.save(endpoint, none.version(), first)), "a second first save");

        Versioned<DeliveryProgress> read = join(state.progress(endpoint));
        assertEquals(first, read.value());
        assertEquals(saved.getAsLong(), read.version());
        DeliveryProgress next = new DeliveryProgress(42, List.of());
        OptionalLong again = join(state.save(endpoint, read.version(), next));
        assertTrue(again.isPresent());
        assertEquals(OptionalLong.empty(), join(state.save(endpoint, read.version(), first)), "a stale save");
        assertEquals(next, join(state.progress(endpoint)).value());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
