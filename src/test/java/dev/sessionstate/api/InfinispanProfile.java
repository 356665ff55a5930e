package dev.sessionstate.api;

import dev.sessionstate.store.infinispan.InfinispanResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The application on the Infinispan store (the shared test node). Every access is written
 * (touch interval 0), so the API's expiry tests hold to the millisecond as on the memory store;
 * the touch grace is covered by InfinispanSessionStoreTest, the operation timeout by
 * InfinispanOutageIT.
 */
public class InfinispanProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sessions.infinispan.cache", "api-sessions",
                "sessions.infinispan.touch-interval", "0S",
                // Generous: these tests check answers, not the timeout, and share two cores with the server.
                "sessions.infinispan.operation-timeout", "5S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(InfinispanResource.class));
    }
}
