package dev.sessionstate.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * Waits for the service under test to report itself ready, as Kubernetes does before it sends
 * traffic. On Infinispan, ready means the service has its cache, which the first request would
 * otherwise wait for (and may answer 503 while it does).
 */
final class Readiness {

    private Readiness() {}

    /** Polls {@code /q/health/ready} until it answers 200; fails after {@code limit}. */
    static void awaitReady(Duration limit) {
        await("the service ready")
                .atMost(limit)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Api.management().get("/q/health/ready").statusCode() == 200);
    }
}
