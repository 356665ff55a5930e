package dev.sessionstate.api;

import dev.sessionstate.config.SessionsConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the API's body readers from configuration. */
@Singleton
public class ApiWiring {

    @Produces
    @Singleton
    JsonBodies jsonBodies(SessionsConfig config) {
        return new JsonBodies(config.limits().maxDepth());
    }

    @Produces
    @Singleton
    SessionBodies sessionBodies(JsonBodies bodies) {
        return new SessionBodies(bodies);
    }
}
