package dev.sessionstate.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;

/**
 * Sweeps expired sessions out of an {@link InMemorySessionStore} at a fixed interval, on a thread
 * of its own, so that idle sessions free their memory even when nobody asks for them again.
 */
public final class ExpirySweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "session-expiry-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public ExpirySweeper(InMemorySessionStore store, InstantSource clock, Duration interval) {
        this(store::sweep, clock, interval);
    }

    /** Runs {@code sweep}, which removes what expired at the instant it is given and says how much. */
    public ExpirySweeper(ToIntFunction<Instant> sweep, InstantSource clock, Duration interval) {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> sweep(sweep, clock), millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void sweep(ToIntFunction<Instant> sweep, InstantSource clock) {
        try {
            int swept = sweep.applyAsInt(clock.instant());
            if (swept > 0) {
                LOG.debugf("Swept %d expired entries", swept);
            }
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule; the next one tries again.
            LOG.error("Expiry sweep failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
