package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.store.DeliveryStateContractTest;
import java.time.Duration;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The delivery state contract on a real Infinispan server; leases run out by the entries' lifespans. */
class InfinispanDeliveryStateTest extends DeliveryStateContractTest {

    private static RemoteCacheManager client;

    @BeforeAll
    static void connect() {
        client = new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(TestServers.shared().address())
                .build());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected DeliveryState createState() {
        return new InfinispanDeliveryState(() -> client, "contract-webhooks", 1);
    }

    @Override
    protected void pass(Duration time) {
        // The server's clock: the lease entry's lifespan runs out on its own.
    }
}
