package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is part of the product: the committed copy, from which clients are
 * generated and which CI lints, must be the one the service serves.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("src/main/openapi/openapi.json");

    @Test
    void servedDocumentIsTheCommittedOne() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode served = json.readTree(given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        JsonNode committed = json.readTree(Files.readString(COMMITTED));
        // assertTrue rather than assertEquals: the message should say what to do, not print two documents.
        assertTrue(
                committed.equals(served),
                "The served OpenAPI document differs from " + COMMITTED
                        + ". If the change is intended, refresh the committed copy: "
                        + "./mvnw -DskipTests package && cp target/openapi/openapi.json " + COMMITTED);
    }
}
