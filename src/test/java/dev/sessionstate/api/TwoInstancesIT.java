package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
        String id = on(first).contentType(ContentType.JSON).body("{\"items\":{\"cart\":[]}}")
                .post("/sessions").then().statusCode(201).extract().path("id");

        on(second).get("/sessions/{id}/items/cart", id).then().statusCode(200).body(equalTo("[]"));
        on(second).contentType(ContentType.JSON).body("{\"sku\":\"A-1\"}")
                .put("/sessions/{id}/items/cart", id).then().statusCode(200);
        on(first).get("/sessions/{id}/items/cart", id).then().statusCode(200).body(equalTo("{\"sku\":\"A-1\"}"));

        on(first).post("/sessions/{id}/items/visits/increment", id).then().statusCode(200).body("value", equalTo(1));
        on(second).post("/sessions/{id}/items/visits/increment", id).then().statusCode(200).body("value", equalTo(2));
        on(first).get("/sessions/{id}/count", id).then().statusCode(200).body("count", equalTo(2));

        on(second).post("/sessions/{id}/abandon", id).then().statusCode(204);
        on(first).get("/sessions/{id}", id).then().statusCode(404);
        on(first).get("/sessions/{id}/items/cart", id).then().statusCode(404);
    }

    @Test
    void sessionsOutliveARestartOfTheService() {
        String id = on(first).contentType(ContentType.JSON).body("{\"items\":{\"user\":\"ada\"}}")
                .post("/sessions").then().statusCode(201).extract().path("id");

        first.close();
        first.start();

        on(first).get("/sessions/{id}/items/user", id).then().statusCode(200).body(equalTo("\"ada\""));
        on(first).get("/sessions/{id}", id).then().statusCode(200).body("isNew", equalTo(false));
    }

    private static RequestSpecification on(ServiceProcess instance) {
        return given().baseUri(instance.baseUri());
    }
}
