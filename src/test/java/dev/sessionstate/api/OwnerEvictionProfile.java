package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The memory store with at most two sessions per owner, the least recently used evicted for a third. */
public class OwnerEvictionProfile implements QuarkusTestProfile {

    static final int LIMIT = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sessions.owners.max-sessions", String.valueOf(LIMIT), "sessions.owners.on-limit", "evict-oldest");
    }
}
