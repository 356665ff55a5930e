package dev.sessionstate.core;

import java.time.Instant;
import java.util.List;

/**
 * How far webhook delivery to one endpoint got: every event of the {@link EventLog} up to
 * {@code cursor} (a sequence) was delivered, given up, or is among {@code pending}, the events
 * whose first attempts failed and that wait for their next attempt. Failed events wait here, aside,
 * so that the events behind them keep flowing.
 */
public record DeliveryProgress(long cursor, List<Pending> pending) {

    public DeliveryProgress {
        pending = List.copyOf(pending);
    }

    /** An event waiting for its next attempt: its sequence, the attempts made so far, and when to try again. */
    public record Pending(long sequence, int attempts, Instant due) {}
}
