package dev.sessionstate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bearer tokens signed by a real (WireMock) OIDC server, beside API keys; roles from the token's claim. */
@QuarkusTest
@TestProfile(OidcProfile.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OidcAccessTest {

    private static final String PROBLEM = "urn:session-state:problem:";

    @Test
    void aWriterTokenWritesAndAReaderTokenReadsOnTheRestAndThePlainRoutes() {
        String writer = "Bearer " + OidcWiremockTestResource.getAccessToken("alice", Set.of("writer"));
        String reader = "Bearer " + OidcWiremockTestResource.getAccessToken("bob", Set.of("reader"));
        String id = given().header("Authorization", writer)
                .post("/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", writer)
                .contentType(ContentType.JSON)
                .body("3")
                .put("/sessions/{id}/items/a", id)
                .then()
                .statusCode(201);
        given().header("Authorization", reader)
                .get("/sessions/{id}/items/a", id)
                .then()
                .statusCode(200)
                .body(equalTo("3"));
        given().header("Authorization", reader).get("/sessions/{id}", id).then().statusCode(200);
        given().header("Authorization", reader)
                .contentType(ContentType.JSON)
                .body("4")
                .put("/sessions/{id}/items/a", id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "forbidden"));
        given().header("Authorization", reader)
                .delete("/sessions/{id}", id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "forbidden"));
    }

    @Test
    void aTokenWithoutAServiceRoleIsForbidden() {
        String other = "Bearer " + OidcWiremockTestResource.getAccessToken("carol", Set.of("user"));
        given().header("Authorization", other)
                .post("/sessions")
                .then()
                .statusCode(403)
                .body("type", equalTo(PROBLEM + "forbidden"));
    }

    @Test
    void aForgedTokenIsUnauthenticatedWithBothChallenges() {
        String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("writer"));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        given().header("Authorization", "Bearer " + forged)
                .get("/sessions/x/items/a")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "unauthenticated"))
                .header("WWW-Authenticate", org.hamcrest.Matchers.notNullValue());
        List<String> challenges = given().get("/sessions/x/items/a")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("Send an API key in the X-Api-Key header or a bearer token in the Authorization "
                                + "header."))
                .extract()
                .headers()
                .getValues("WWW-Authenticate");
        assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Bearer")), challenges.toString());
        assertTrue(challenges.contains(ApiKeyAuthenticationMechanism.CHALLENGE), challenges.toString());
    }

    @Test
    void anApiKeyStillWorksBesideTokens() {
        given().header("X-Api-Key", ApiKeyProfile.WRITER)
                .post("/sessions")
                .then()
                .statusCode(201);
    }
}
