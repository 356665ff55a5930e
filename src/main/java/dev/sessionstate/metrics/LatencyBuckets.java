package dev.sessionstate.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;

/**
 * Gives the HTTP and store timers fixed histogram buckets ({@code _bucket} series), so that
 * Prometheus can compute p50 and p99 latency across replicas with {@code histogram_quantile}.
 * Fifteen buckets from 100 µs to 5 s: enough to tell an in-memory answer from a network round
 * trip and from a timeout, at a fraction of the series of Micrometer's percentile histogram.
 */
@Singleton
public class LatencyBuckets implements MeterFilter {

    static final Set<String> TIMERS = Set.of("http.server.requests", "sessions.store.operations");

    private static final double[] BUCKETS = bucketsInNanos(
            Duration.ofNanos(100_000),
            Duration.ofNanos(250_000),
            Duration.ofNanos(500_000),
            Duration.ofMillis(1),
            Duration.ofNanos(2_500_000),
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofMillis(2500),
            Duration.ofSeconds(5));

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!TIMERS.contains(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(BUCKETS)
                .build()
                .merge(config);
    }

    /** Timers take their bucket bounds in nanoseconds. */
    private static double[] bucketsInNanos(Duration... bounds) {
        double[] nanos = new double[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            nanos[i] = bounds[i].toNanos();
        }
        return nanos;
    }
}
