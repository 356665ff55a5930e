package dev.sessionstate.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it forward: the real time at start-up plus what
 * tests advanced. Real time spent in a request (a store that creates its cache on first use, a
 * slow machine) never counts towards a timeout.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock implements InstantSource {

    private final Instant start = Instant.now();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return start.plus(offset.get());
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }
}
