package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed OpenAPI document moves with {@code quarkus.smallrye-openapi.path}, and is no longer at the default. */
@QuarkusTest
@TestProfile(OpenApiDocumentPathTest.OtherPath.class)
class OpenApiDocumentPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GENERATED_YAML = Path.of("target/openapi/openapi.yaml");

    /** A relative path, which Quarkus puts under the non-application root, /q. */
    public static class OtherPath implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-openapi.path", "docs/api");
        }
    }

    @Test
    void documentIsServedAtTheConfiguredPath() throws IOException {
        JsonNode committed = JSON.readTree(Files.readString(Path.of("src/main/openapi/openapi.json")));
        for (String path : new String[] {"/q/docs/api?format=json", "/q/docs/api.json"}) {
            String served = given().get(path)
                    .then()
                    .statusCode(200)
                    .contentType("application/json;charset=UTF-8")
                    .extract()
                    .asString();
            assertEquals(committed, JSON.readTree(served), path);
        }
        String yaml = given().get("/q/docs/api.yaml")
                .then()
                .statusCode(200)
                .contentType("application/yaml;charset=UTF-8")
                .extract()
                .asString();
        JsonNode generated = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(GENERATED_YAML));
        assertEquals(generated, new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @Test
    void defaultPathNoLongerAnswers() {
        for (String path : new String[] {"/q/openapi", "/q/openapi.json", "/q/openapi.yaml"}) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void pathIsResolvedAsQuarkusResolvesIt() {
        assertEquals("/q/openapi", OpenApiDocumentRoutes.resolve("q", "openapi"));
        assertEquals("/q/docs/api", OpenApiDocumentRoutes.resolve("/q/", "docs/api"));
        assertEquals("/internal/openapi", OpenApiDocumentRoutes.resolve("internal", "openapi"));
        assertEquals("/openapi", OpenApiDocumentRoutes.resolve("q", "/openapi"));
        assertEquals("/openapi", OpenApiDocumentRoutes.resolve("/", "openapi"));
    }
}
