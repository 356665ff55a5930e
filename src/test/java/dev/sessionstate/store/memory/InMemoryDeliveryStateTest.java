package dev.sessionstate.store.memory;

import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.store.DeliveryStateContractTest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

class InMemoryDeliveryStateTest extends DeliveryStateContractTest {

    private Instant now = Instant.parse("2026-11-30T10:00:00Z");

    @Override
    protected DeliveryState createState() {
        InstantSource clock = () -> now;
        return new InMemoryDeliveryState(clock);
    }

    @Override
    protected void pass(Duration time) {
        now = now.plus(time);
    }
}
