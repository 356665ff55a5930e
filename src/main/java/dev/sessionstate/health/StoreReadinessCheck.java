package dev.sessionstate.health;

import dev.sessionstate.core.SessionStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the session store answers; liveness does not depend on the store. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements AsyncHealthCheck {

    private final SessionStore store;

    public StoreReadinessCheck(SessionStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom()
                .completionStage(store.isAvailable())
                .map(up -> HealthCheckResponse.named("session-store")
                        .status(up)
                        .withData("store", store.kind())
                        .build());
    }
}
