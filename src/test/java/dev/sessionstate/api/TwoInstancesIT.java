package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.sessionstate.store.infinispan.TestServers;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one Infinispan: a session made through one is read,
 * changed and abandoned through the other, each change seen at once; and sessions outlive a
 * restart of the service.
 */
class TwoInstancesIT {

    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void start() {
        Map<String, String> config = Map.of(
                "sessions.store.kind", "infinispan",
                "sessions.infinispan.cache", "replicated-sessions",
                "quarkus.infinispan-client.hosts", TestServers.shared().address(),
                "quarkus.infinispan-client.use-auth", "false");
        first = new ServiceProcess(8091, config).start();
        second = new ServiceProcess(8092, config).start();
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aSessionIsOneSessionWhicheverInstanceServesIt() {
        String id = on(first)
                .contentType(ContentType.JSON)
                .body("{\"items\":{\"cart\":[]}}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        on(second).get("/sessions/{id}/items/cart", id).then().statusCode(200).body(equalTo("[]"));
        on(second)
                .contentType(ContentType.JSON)
                .body("{\"sku\":\"A-1\"}")
                .put("/sessions/{id}/items/cart", id)
                .then()
                .statusCode(200);
        on(first).get("/sessions/{id}/items/cart", id).then().statusCode(200).body(equalTo("{\"sku\":\"A-1\"}"));

        on(first)
                .post("/sessions/{id}/items/visits/increment", id)
                .then()
                .statusCode(200)
                .body("value", equalTo(1));
        on(second)
                .post("/sessions/{id}/items/visits/increment", id)
                .then()
                .statusCode(200)
                .body("value", equalTo(2));
        on(first).get("/sessions/{id}/count", id).then().statusCode(200).body("count", equalTo(2));

        on(second).post("/sessions/{id}/abandon", id).then().statusCode(204);
        on(first).get("/sessions/{id}", id).then().statusCode(404);
        on(first).get("/sessions/{id}/items/cart", id).then().statusCode(404);
    }

    @Test
    void aLeaseTakenOnOneInstanceGuardsWritesOnTheOther() {
        String id = on(first)
                .contentType(ContentType.JSON)
                .body("{\"items\":{\"k\":1}}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        int lockId = on(first)
                .post("/sessions/{id}/lock", id)
                .then()
                .statusCode(200)
                .extract()
                .path("lockId");

        on(second)
                .contentType(ContentType.JSON)
                .body("2")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(423)
                .header("Retry-After", notNullValue())
                .body("lockId", equalTo(lockId));
        on(second).post("/sessions/{id}/lock", id).then().statusCode(423);
        on(second).get("/sessions/{id}/items/k", id).then().statusCode(200).body(equalTo("1"));
        on(second)
                .header("Session-Lock", lockId)
                .contentType(ContentType.JSON)
                .body("2")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(200);
        on(first).get("/sessions/{id}", id).then().statusCode(200).body("lock.lockId", equalTo(lockId));

        on(second).delete("/sessions/{id}/lock/{lockId}", id, lockId).then().statusCode(204);
        on(first)
                .contentType(ContentType.JSON)
                .body("3")
                .put("/sessions/{id}/items/k", id)
                .then()
                .statusCode(200);
        on(second).get("/sessions/{id}/items/k", id).then().statusCode(200).body(equalTo("3"));
    }

    @Test
    void sessionsOutliveARestartOfTheService() {
        String id = on(first)
                .contentType(ContentType.JSON)
                .body("{\"items\":{\"user\":\"ada\"}}")
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        first.close();
        first.start();

        on(first).get("/sessions/{id}/items/user", id).then().statusCode(200).body(equalTo("\"ada\""));
        on(first).get("/sessions/{id}", id).then().statusCode(200).body("isNew", equalTo(false));
    }

    private static RequestSpecification on(ServiceProcess instance) {
        return given().baseUri(instance.baseUri());
    }
}
