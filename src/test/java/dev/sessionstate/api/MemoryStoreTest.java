package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.management;
import static dev.sessionstate.api.Api.putItem;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.QuarkusTest;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.junit.jupiter.api.Test;

/** The memory store, the default, leaves Infinispan alone: no Hot Rod client is ever made. */
@QuarkusTest
class MemoryStoreTest {

    @Test
    void servingSessionsCreatesNoInfinispanClient() {
        String id = createSession();
        putItem(id, "k", "1").statusCode(201);
        management().get("/q/health/ready").then().statusCode(200);

        InjectableBean<RemoteCacheManager> client =
                Arc.container().instance(RemoteCacheManager.class).getBean();
        assertNull(
                Arc.container().getActiveContext(client.getScope()).get(client),
                "a Hot Rod client was created although the memory store is selected");
    }
}
