package dev.sessionstate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A bearer token's application is the one its {@code azp} claim names (the default
 * {@code sessions.auth.oidc.application-claim}): tokens signed by a real (WireMock) OIDC server for
 * two applications do not see each other's sessions, a token and an API key of one application
 * share its sessions, and a token without the claim belongs to the default application.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OidcApplicationTest {

    private static final String PROBLEM = "urn:session-state:problem:";

    @Test
    void tokensOfTwoApplicationsDoNotSeeEachOthersSessions() {
        String shop = bearer("alice", Map.of("azp", "shop"));
        String blog = bearer("bob", Map.of("azp", "blog"));
        String id = created(shop);
        given().header("Authorization", shop).get("/sessions/{id}", id).then().statusCode(200);
        given().header("Authorization", blog)
                .get("/sessions/{id}", id)
                .then()
                .statusCode(404)
                .body("type", equalTo(PROBLEM + "session-not-found"));
        given().header("Authorization", blog)
                .get("/sessions/{id}/items/a", id)
                .then()
                .statusCode(404)
                .body("type", equalTo(PROBLEM + "session-not-found"));
        given().header("Authorization", blog)
                .delete("/sessions/{id}", id)
                .then()
                .statusCode(404);
        given().header("Authorization", shop)
                .delete("/sessions/{id}", id)
                .then()
                .statusCode(204);
    }

    @Test
    void aTokenAndAnApiKeyOfOneApplicationShareItsSessions() {
        String id = created(bearer("alice", Map.of("azp", "shop")));
        given().header("X-Api-Key", ApiKeyProfile.WRITER)
                .contentType(ContentType.JSON)
                .body("1")
                .put("/sessions/{id}/items/a", id)
                .then()
                .statusCode(201);
        given().header("X-Api-Key", ApiKeyProfile.OTHER_APPLICATION)
                .get("/sessions/{id}", id)
                .then()
                .statusCode(404);
    }

    @Test
    void aTokenWithoutTheClaimBelongsToTheDefaultApplication() {
        String unnamed = bearer("carol", Map.of());
        String blank = bearer("dave", Map.of("azp", " "));
        String id = created(unnamed);
        given().header("Authorization", blank).get("/sessions/{id}", id).then().statusCode(200);
        given().header("Authorization", bearer("alice", Map.of("azp", "shop")))
                .get("/sessions/{id}", id)
                .then()
                .statusCode(404);
    }

    private static String created(String authorization) {
        return given().header("Authorization", authorization)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A writer's token, signed by the test OIDC server, with {@code claims} besides the usual ones. */
    private static String bearer(String user, Map<String, String> claims) {
        return "Bearer "
                + OidcWiremockTestResource.generateJwtToken(
                        user,
                        Set.of("writer", "reader"),
                        "123456",
                        "Bearer",
                        Set.of("https://server.example.com"),
                        claims);
    }
}
