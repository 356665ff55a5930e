package dev.sessionstate.metrics;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Counts sessions created ({@code sessions.created}) and ended by reason ({@code sessions.ended}). */
@Singleton
public class MicrometerSessionEvents implements SessionEvents {

    private final Counter created;
    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);

    public MicrometerSessionEvents(MeterRegistry registry) {
        created = Counter.builder("sessions.created")
                .description("Sessions created")
                .register(registry);
        for (EndReason reason : EndReason.values()) {
            ended.put(
                    reason,
                    Counter.builder("sessions.ended")
                            .description("Sessions ended, by reason")
                            .tag("reason", reason.wireName())
                            .register(registry));
        }
    }

    @Override
    public void started(Session session) {
        created.increment();
    }

    @Override
    public void ended(Session finalState, EndReason reason, Instant endedAt) {
        ended.get(reason).increment();
    }
}
