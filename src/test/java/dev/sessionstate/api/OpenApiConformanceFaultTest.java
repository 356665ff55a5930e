package dev.sessionstate.api;

import dev.sessionstate.core.SessionIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.infinispan.client.hotrod.DataFormat;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.commons.marshall.UTF8StringMarshaller;

/**
 * The same checks for a fault of the service: a session document in the store (the real Infinispan
 * node) that is JSON but no session, as a bad write or another program could leave it. The
 * service answers 500 with a generic problem, as the document declares.
 */
@QuarkusTest
@TestProfile(InfinispanProfile.class)
class OpenApiConformanceFaultTest extends OpenApiConformanceTest {

    private static final DataFormat JSON_TEXT = DataFormat.builder()
            .keyType(MediaType.TEXT_PLAIN)
            .keyMarshaller(new UTF8StringMarshaller())
            .valueType(MediaType.APPLICATION_JSON)
            .valueMarshaller(new UTF8StringMarshaller())
            .build();

    @Inject
    RemoteCacheManager infinispan;

    private final SessionIds ids = new SessionIds();

    @Override
    List<OperationExchanges.Exchange> exchanges() {
        return OperationExchanges.fault(this::unreadableSession);
    }

    @Override
    boolean drivesEveryOperation() {
        return false;
    }

    /** Stores a JSON document that is no session under a new id, through the service's own cache. */
    private String unreadableSession() {
        // A request first, so that the service has found or created its cache.
        Api.createSession();
        RemoteCache<String, String> cache =
                infinispan.<String, String>getCache("api-sessions").withDataFormat(JSON_TEXT);
        String id = ids.next();
        cache.put(id, "{\"not\":\"a session\"}");
        return id;
    }
}
