package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The memory store with at most three sessions per owner, a fourth refused. */
public class OwnerLimitProfile implements QuarkusTestProfile {

    static final int LIMIT = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sessions.owners.max-sessions", String.valueOf(LIMIT), "sessions.owners.on-limit", "reject");
    }
}
