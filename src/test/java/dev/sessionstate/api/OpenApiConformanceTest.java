package dev.sessionstate.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.sessionstate.api.OperationExchanges.Exchange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the committed OpenAPI document, driven over HTTP on its success and main error
 * paths ({@link OperationExchanges}), and every answer checked against the document by the
 * Atlassian OpenAPI validator: status, media type, body or no body, undeclared body members, formats,
 * declared headers. Two checks complete it: each answer must send exactly the headers its response
 * declares, besides the framing ones (the validator does not look at headers the document leaves
 * out), and each body must match its schema under JSON Schema 2020-12 ({@link ResponseSchemas}:
 * the validator does not see the types of OpenAPI 3.1 schemas).
 */
@QuarkusTest
class OpenApiConformanceTest {

    private static final Path DOCUMENT = Path.of("src/main/openapi/openapi.json");
    /** Headers of HTTP framing, which OpenAPI does not declare (it ignores a declared Content-Type). */
    private static final Set<String> FRAMING =
            Set.of("content-type", "content-length", "transfer-encoding", "connection");

    private static OpenAPI document;
    private static OpenApiInteractionValidator validator;
    private static ApiOperationResolver operations;
    private static ResponseSchemas schemas;

    @BeforeAll
    static void loadDocument() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT), null, options);
        assertNotNull(parsed.getOpenAPI(), () -> "The document does not parse: " + parsed.getMessages());
        document = parsed.getOpenAPI();
        operations = new ApiOperationResolver(document, null, true);
        schemas = new ResponseSchemas(DOCUMENT);
        validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        DOCUMENT.toAbsolutePath().toUri().toString())
                .withStrictOperationPathMatching()
                // Members that a schema does not declare are mismatches too.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /** The exchanges this class drives; a subclass with the store down drives the 503s. */
    List<Exchange> exchanges() {
        return OperationExchanges.storeUp();
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerIsWhatTheDocumentDeclares() {
        return exchanges().stream().map(exchange -> dynamicTest(exchange.name(), () -> check(exchange)));
    }

    /** Whether {@link #exchanges()} drive every operation; false for a subclass that drives one refusal. */
    boolean drivesEveryOperation() {
        return true;
    }

    @Test
    void everyOperationOfTheDocumentIsDriven() {
        Assumptions.assumeTrue(drivesEveryOperation(), "this class drives only some operations");
        Set<String> documented = document.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .map(Operation::getOperationId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> driven =
                exchanges().stream().map(Exchange::operationId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                documented, driven, "Drive every operation of " + DOCUMENT + " in OperationExchanges, and no other");
    }

    private static void check(Exchange exchange) throws IOException {
        ExchangeRecorder recorder = new ExchangeRecorder();
        Response response = exchange.call().apply(given().filter(recorder));
        Request request = recorder.request();
        String name = exchange.name();
        ApiOperationMatch match = operations.findApiOperation(request.getPath(), request.getMethod());
        assertTrue(
                match.isPathFound() && match.isOperationAllowed(),
                () -> name + ": " + request.getMethod() + " " + request.getPath() + " is no operation");
        Operation operation = match.getApiOperation().getOperation();
        assertEquals(
                exchange.operationId(), operation.getOperationId(), name + ": the request went to another operation");
        assertEquals(exchange.status(), response.statusCode(), () -> name + ": answered " + response.asString());

        var answer = ExchangeRecorder.response(response);
        ValidationReport report = exchange.validRequest()
                ? validator.validate(request, answer)
                : validator.validateResponse(request.getPath(), request.getMethod(), answer);
        assertTrue(
                report.getMessages().isEmpty(),
                () -> name + ": the exchange disagrees with the document:\n" + describe(report) + "\nAnswer headers: "
                        + response.getHeaders() + "\nAnswer body: " + response.asString());
        assertHeadersDeclared(name, operation.getResponses().get(String.valueOf(response.statusCode())), response);
        assertBodyMatchesSchema(
                name,
                match.getApiOperation().getApiPath().original(),
                request.getMethod().name(),
                response);
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> "  " + message.getLevel() + " " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static void assertBodyMatchesSchema(String name, String pathTemplate, String method, Response response)
            throws IOException {
        String body = response.asString();
        if (body.isEmpty()) {
            return; // the validator has checked that the document declares no body here
        }
        String mediaType = response.contentType().split(";")[0].strip();
        List<String> errors = schemas.errors(pathTemplate, method, response.statusCode(), mediaType, body);
        assertTrue(
                errors.isEmpty(),
                () -> name + ": the body disagrees with its schema: " + errors + "\nAnswer body: " + body);
    }

    /** The answer sends every header its response declares, and no other beyond framing. */
    private static void assertHeadersDeclared(String name, ApiResponse declared, Response response) {
        Set<String> expected = declared.getHeaders() == null
                ? Set.of()
                : declared.getHeaders().keySet().stream()
                        .map(header -> header.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new));
        Map<String, List<String>> sent =
                ExchangeRecorder.headers(response.getHeaders().asList());
        Set<String> actual = sent.keySet().stream()
                .map(header -> header.toLowerCase(Locale.ROOT))
                .filter(header -> !FRAMING.contains(header))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual, name + ": headers declared (expected) against headers sent (actual)");
    }
}
