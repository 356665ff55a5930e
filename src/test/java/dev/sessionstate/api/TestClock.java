package dev.sessionstate.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, moved forward by tests instead of sleeping. Time only ever moves forward. */
@Alternative
@Priority(1)
@Singleton
public class TestClock implements InstantSource {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }
}
