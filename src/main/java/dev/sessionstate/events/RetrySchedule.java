package dev.sessionstate.events;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed webhook delivery again: after {@code base}, then twice as long each time up
 * to {@code cap}, each delay drawn between half and all of that (jitter, so that many failed
 * events do not come back at once); after {@code attempts} attempts in all the event is given up. A
 * receiver's {@code Retry-After} replaces the computed delay.
 */
public record RetrySchedule(Duration base, Duration cap, int attempts) {

    /** The delay before the attempt after {@code made} attempts; {@code random} gives values in [0, 1). */
    Duration delay(int made, DoubleSupplier random) {
        long full = base.toMillis() << Math.min(made - 1, 30);
        long capped = full <= 0 ? cap.toMillis() : Math.min(full, cap.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }

    /** True when no attempt is left after {@code made}. */
    boolean exhausted(int made) {
        return made >= attempts;
    }
}
