package dev.sessionstate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Response bodies checked against the schemas of the OpenAPI 3.1 document by a JSON Schema 2020-12
 * validator (networknt, with the OpenAPI 3.1 dialect). The Atlassian validator reads 3.1 schemas
 * without their types (swagger-parser keeps a 3.1 {@code type} in a field it does not look at), so
 * without this check a number where the document declares a string would pass.
 */
final class ResponseSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(OpenApi31.getInstance())
                    .defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode document;
    private final String uri;

    ResponseSchemas(Path document) throws IOException {
        this.document = json.readTree(document.toFile());
        this.uri = document.toAbsolutePath().toUri().toString();
    }

    /**
     * What is wrong with a body against the schema that the document declares for this path
     * template, method, status and media type; empty when it matches.
     */
    List<String> errors(String pathTemplate, String method, int status, String mediaType, String body)
            throws IOException {
        String response =
                "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode ref = document.at(response + "/$ref");
        if (ref.isTextual()) {
            response = ref.asText().substring(1);
        }
        String pointer = response + "/content/" + escape(mediaType) + "/schema";
        if (document.at(pointer).isMissingNode()) {
            return List.of("the document declares no schema at " + pointer);
        }
        String fragment = pointer.replace("{", "%7B").replace("}", "%7D");
        return FACTORY
                .getSchema(
                        SchemaLocation.of(uri + "#" + fragment),
                        SchemaValidatorsConfig.builder().build())
                .validate(json.readTree(body))
                .stream()
                .map(ValidationMessage::getMessage)
                .toList();
    }

    /** A JSON pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
