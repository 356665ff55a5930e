package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is part of the product: the committed copy, from which clients are
 * generated and which CI lints, must be the one the service serves, and the one the build
 * generates from the code (which the build writes to target/openapi/).
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("src/main/openapi/openapi.json");
    private static final Path GENERATED = Path.of("target/openapi/openapi.json");
    private static final Path GENERATED_YAML = Path.of("target/openapi/openapi.yaml");
    private static final String REFRESH = ". If the change is intended, refresh the committed copy: "
            + "./mvnw -DskipTests package && cp target/openapi/openapi.json " + COMMITTED;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void generatedDocumentIsTheCommittedOne() throws IOException {
        // assertTrue rather than assertEquals: the message should say what to do, not print two documents.
        assertTrue(
                committed().equals(JSON.readTree(Files.readString(GENERATED))),
                "The OpenAPI document generated from the code differs from " + COMMITTED + REFRESH);
    }

    @Test
    void servedDocumentIsTheCommittedOne() throws IOException {
        for (String path : new String[] {"/q/openapi", "/q/openapi.json", "/q/openapi?format=json"}) {
            String served = given().accept(path.equals("/q/openapi") ? "application/json" : "*/*")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType("application/json;charset=UTF-8")
                    .extract()
                    .asString();
            assertTrue(committed().equals(JSON.readTree(served)), path + " differs from " + COMMITTED + REFRESH);
        }
    }

    @Test
    void servedYamlIsTheSameDocument() throws IOException {
        JsonNode generated = YAML.readTree(Files.readString(GENERATED_YAML));
        for (String path : new String[] {"/q/openapi", "/q/openapi.yaml", "/q/openapi.yml"}) {
            String served = given().get(path)
                    .then()
                    .statusCode(200)
                    .contentType("application/yaml;charset=UTF-8")
                    .extract()
                    .asString();
            // The same members, not the same bytes: read back from JSON, members of an object come in another order.
            assertTrue(generated.equals(YAML.readTree(served)), path + " differs from " + GENERATED_YAML);
        }
    }

    private static JsonNode committed() throws IOException {
        return JSON.readTree(Files.readString(COMMITTED));
    }
}
