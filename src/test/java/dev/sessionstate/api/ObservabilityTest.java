package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static dev.sessionstate.api.Api.management;
import static dev.sessionstate.api.Api.putItem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics, the OpenAPI document and Swagger UI. */
@QuarkusTest
class ObservabilityTest {

    @Test
    void livenessAndReadinessAreUpWithTheStoreChecked() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        management()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("session-store"));
    }

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void openApiDeclaresHowCallersAuthenticate() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.apiKey.type", equalTo("apiKey"))
                .body("components.securitySchemes.apiKey.in", equalTo("header"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-Api-Key"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body(
                        "paths.'/sessions/{id}/items/{key}'.get.responses.'401'.$ref",
                        equalTo("#/components/responses/Unauthenticated"))
                .body("paths.'/sessions'.post.responses.'403'.$ref", equalTo("#/components/responses/Forbidden"));
    }

    @Test
    void activeSessionsGaugeIsPublishedFromTheStart() {
        management().get("/q/metrics").then().statusCode(200).body(containsString("sessions_active{store=\"memory\"}"));
    }

    @Test
    void metricsCountSessionsAndTimeStoreOperationsByRouteNotId() {
        String id = createSession();
        putItem(id, "secret-key", "1").statusCode(201);
        given().get("/sessions/{id}/items/secret-key", id).then().statusCode(200);
        given().post("/sessions/{id}/abandon", id).then().statusCode(204);

        management()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sessions_active{store=\"memory\"}"))
                .body(containsString("sessions_created_total"))
                .body(containsString("sessions_ended_total{reason=\"abandoned\"}"))
                .body(containsString("sessions_ended_total{reason=\"expired\"}"))
                .body(containsString(
                        "sessions_store_operations_seconds_count{operation=\"update\",outcome=\"ok\",store=\""
                                + "memory\"}"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/sessions/{id}/items/{key}\"}"))
                .body(containsString("uri=\"/sessions/{id}/abandon\""))
                .body(not(containsString(id)))
                .body(not(containsString("secret-key")));
    }

    @Test
    void openApiDescribesEveryOperationWithReadableIds() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.keySet()",
                        hasItems(
                                "/sessions",
                                "/sessions/{id}",
                                "/sessions/{id}/items/{key}",
                                "/sessions/{id}/index/{index}",
                                "/sessions/{id}/items/{key}/increment"))
                .body("paths.'/sessions'.post.operationId", equalTo("createSession"))
                .body("paths.'/sessions/{id}/items/{key}'.put.operationId", equalTo("putItem"))
                .body(
                        "paths.'/sessions/{id}/items/{key}'.put.responses.'412'.$ref",
                        equalTo("#/components/responses/PreconditionFailed"))
                .body(
                        "components.responses.NotFound.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.Session.properties.keySet()", hasItems("id", "isNew", "expiresAt", "mode"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("<html"));
    }
}
