package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Small steps that many API tests take, over HTTP. */
final class Api {

    static final String PROBLEM = "urn:session-state:problem:";

    private Api() {}

    /** A request to the management interface (health, metrics), which tests reach on its test port. */
    static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001));
    }

    /** Creates a session with the given JSON body (or none) and returns its id. */
    static String createSession(String body) {
        var request = given();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/sessions").then().statusCode(201).extract().path("id");
    }

    static String createSession() {
        return createSession(null);
    }

    /**
     * Headers as real clients send them: they take the plain route ({@link ItemRoutes}), the way
     * production requests go. RestAssured would otherwise choose the charset itself.
     */
    static final RestAssuredConfig AS_SENT = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    /** PUT of an item as real clients send it (.NET, OkHttp: JSON with charset; axios: an Accept list). */
    static ValidatableResponse putItem(String id, String key, String json) {
        return given().config(AS_SENT)
                .contentType("application/json; charset=utf-8")
                .accept("application/json, text/plain, */*")
                .body(json)
                .put("/sessions/{id}/items/{key}", id, key)
                .then();
    }

    /** Asserts a problem document of the given type and status. */
    static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + type))
                .body("status", equalTo(status));
    }
}
