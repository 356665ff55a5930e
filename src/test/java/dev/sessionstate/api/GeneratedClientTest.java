package dev.sessionstate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sessionstate.client.ApiClient;
import dev.sessionstate.client.ApiException;
import dev.sessionstate.client.api.ItemsApi;
import dev.sessionstate.client.api.LeasesApi;
import dev.sessionstate.client.api.SessionsApi;
import dev.sessionstate.client.model.CreateSessionRequest;
import dev.sessionstate.client.model.Lease;
import dev.sessionstate.client.model.LeaseRequest;
import dev.sessionstate.client.model.OwnedSession;
import dev.sessionstate.client.model.Problem;
import dev.sessionstate.client.model.RotateSessionRequest;
import dev.sessionstate.client.model.Session;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the service only through the Java client that the build generates from the committed
 * OpenAPI document, without hand edits: what a caller in any language would do with its own
 * generated client.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL base;

    private SessionsApi sessions;
    private ItemsApi items;
    private LeasesApi leases;
    /** RFC 9457: clients ignore extension members they do not know, such as a 423's lockId. */
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        sessions = new SessionsApi(client);
        items = new ItemsApi(client);
        leases = new LeasesApi(client);
    }

    @Test
    void aSessionsLifeThroughTheGeneratedClient() throws Exception {
        Session created = sessions.createSession(new CreateSessionRequest().timeoutSeconds(600));
        String id = created.getId();
        assertTrue(created.getIsNew());
        assertEquals(600, created.getTimeoutSeconds());

        Map<String, Object> object = new LinkedHashMap<>();
        object.put("z", 1);
        object.put("a", List.of("x", true));
        items.putItem(id, "object", object, null, null, null, null, null);
        items.putItem(id, "array", List.of(1, 2, 3), null, null, null, null, null);
        items.putItem(id, "string", "héllo 🎉", "string", null, null, null, null);
        items.putItem(id, "number", 42, "int32", null, null, null, null);
        items.putItem(id, "boolean", true, null, null, null, null, null);
        // The generated client refuses a Java null as a missing body; a JSON null is Jackson's NullNode.
        items.putItem(id, "null", NullNode.getInstance(), null, null, null, null, null);

        assertEquals(object, items.getItem(id, "object", null));
        assertEquals(List.of(1, 2, 3), items.getItem(id, "array", null));
        assertEquals("héllo 🎉", items.getItem(id, "string", "string"));
        assertEquals(42, items.getItem(id, "number", "int32"));
        assertEquals(true, items.getItem(id, "boolean", null));
        assertEquals(null, items.getItem(id, "null", null));
        assertEquals(List.of("object", "array", "string", "number", "boolean", "null"), sessions.listKeys(id));
        assertEquals(6, sessions.countItems(id).getCount());
        assertEquals(
                List.of("z", "a"), List.copyOf(((Map<?, ?>) items.getItems(id).get("object")).keySet()));

        assertEquals(1L, items.incrementItem(id, "hits", null, null, null, null).getValue());
        assertEquals(11L, items.incrementItem(id, "hits", 10L, null, null, null).getValue());

        String etag = header(
                items.putItemWithHttpInfo(id, "number", 43, null, null, null, null, null)
                        .getHeaders(),
                "ETag");
        items.putItem(id, "number", 44, null, etag, null, null, null);
        assertProblem(412, "precondition-failed", () -> items.putItem(id, "number", 45, null, etag, null, null, null));
        assertEquals(44, items.getItem(id, "number", "int32"));

        assertProblem(422, "type-mismatch", () -> items.getItem(id, "string", "int32"));
        assertProblem(
                413,
                "value-too-large",
                () -> items.putItem(id, "big", "x".repeat(70_000), null, null, null, null, null));

        sessions.abandonSession(id, null);
        assertProblem(404, "session-not-found", () -> sessions.getSession(id));
    }

    @Test
    void aLeaseThroughTheGeneratedClient() throws Exception {
        String id = sessions.createSession(new CreateSessionRequest()).getId();

        Lease lease = leases.acquireLease(id, "items", new LeaseRequest().leaseSeconds(10));

        assertProblem(423, "session-locked", () -> leases.acquireLease(id, null, null));
        assertProblem(423, "session-locked", () -> items.putItem(id, "k", 1, null, null, null, null, null));
        assertEquals(lease.getLockId(), sessions.getSession(id).getLock().getLockId());
        leases.renewLease(id, lease.getLockId(), null);
        items.putItem(id, "k", 1, null, null, null, lease.getLockId(), true);
        assertEquals(null, sessions.getSession(id).getLock());
        leases.acquireLease(id, null, null);
        leases.forceReleaseLease(id);
        sessions.abandonSession(id, null);
    }

    @Test
    void aRotationAtLogInThroughTheGeneratedClient() throws Exception {
        String owner = "client-" + java.util.UUID.randomUUID();
        String anonymous = sessions.createSession(new CreateSessionRequest()).getId();

        String plain = sessions.rotateSession(anonymous, null, null, null).getId();
        Session tagged = sessions.rotateSession(plain, null, null, new RotateSessionRequest().owner(owner));
        assertEquals(owner, tagged.getOwner());
        assertEquals(
                List.of(tagged.getId()),
                sessions.listOwnerSessions(owner).stream()
                        .map(OwnedSession::getId)
                        .toList());
        assertProblem(
                409,
                "owner-mismatch",
                () -> sessions.rotateSession(tagged.getId(), null, null, new RotateSessionRequest().owner("another")));
    }

    private void assertProblem(int status, String type, Call call) throws Exception {
        ApiException e = assertThrows(ApiException.class, call::run);
        assertEquals(status, e.getCode());
        Problem problem = json.readValue(e.getResponseBody(), Problem.class);
        assertEquals("urn:session-state:problem:" + type, problem.getType());
        assertEquals(status, problem.getStatus());
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(h -> h.getValue().get(0))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    @FunctionalInterface
    private interface Call {
        void run() throws ApiException;
    }
}
