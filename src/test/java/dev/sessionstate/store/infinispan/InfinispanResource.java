package dev.sessionstate.store.infinispan;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application under test at the shared Infinispan node, started if need be. */
public final class InfinispanResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "sessions.store.kind", "infinispan",
                "quarkus.infinispan-client.hosts", TestServers.shared().address(),
                "quarkus.infinispan-client.use-auth", "false");
    }

    @Override
    public void stop() {
        // The shared node lives until the JVM exits; other test classes use it too.
    }
}
