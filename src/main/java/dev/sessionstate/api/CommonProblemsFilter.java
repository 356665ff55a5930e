package dev.sessionstate.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes every operation's responses with what the service answers beyond its annotations, so
 * that generated clients and contract tests see exactly what is sent:
 * <ul>
 * <li>406 (the client accepts no JSON) and 500 (a fault of the service) on every operation;</li>
 * <li>413 on every operation that takes a body (POST, PUT, PATCH): a body over
 * {@code sessions.limits.max-request-size}, by its {@code Content-Length} or, sent chunked, by what
 * has come ({@link ChunkedBodies}), is refused before any resource sees it; and 415 on them: a
 * charset other than UTF-8 is refused by {@link RequestChecks};</li>
 * <li>400 on every operation: a path whose percent-encoding is not UTF-8, a body sent to an
 * operation that takes none ({@link RequestChecks}), an unknown or repeated query parameter
 * ({@link QueryChecks});</li>
 * <li>no content where no body is sent: SmallRye fills a declared response of a method that
 * returns {@code Response} with the {@code @Produces} media types and no schema, though such
 * answers are empty; and an answer to HEAD never has a body.</li>
 * </ul>
 * Runs at build time, so the stored and the committed document include all of it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonProblemsFilter implements OASFilter {

    private static final Set<PathItem.HttpMethod> WITH_BODY =
            Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH);
    private static final String NOT_ACCEPTABLE = "The client accepts neither application/json nor problem documents";
    private static final String BAD_REQUEST =
            "A malformed path, an unknown query parameter, or a body where none is taken";
    private static final String INTERNAL_ERROR = "A fault of the service; the detail says nothing internal";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents()
                .addResponse("NotAcceptable", problem(NOT_ACCEPTABLE))
                .addResponse("InternalError", problem(INTERNAL_ERROR));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation :
                    path.getOperations().entrySet()) {
                complete(operation.getKey(), operation.getValue());
            }
        }
    }

    private static void complete(PathItem.HttpMethod method, Operation operation) {
        var responses = operation.getResponses();
        if (method == PathItem.HttpMethod.HEAD) {
            responses.getAPIResponses().values().forEach(response -> response.setContent(null));
            if (!responses.hasAPIResponse("400")) {
                responses.addAPIResponse("400", OASFactory.createAPIResponse().description(BAD_REQUEST));
            }
            responses
                    .addAPIResponse("406", OASFactory.createAPIResponse().description(NOT_ACCEPTABLE))
                    .addAPIResponse("500", OASFactory.createAPIResponse().description(INTERNAL_ERROR));
            return;
        }
        responses.getAPIResponses().values().forEach(CommonProblemsFilter::dropSchemalessContent);
        if (WITH_BODY.contains(method) && !responses.hasAPIResponse("413")) {
            responses.addAPIResponse("413", OASFactory.createAPIResponse().ref("TooLarge"));
        }
        if (WITH_BODY.contains(method) && !responses.hasAPIResponse("415")) {
            responses.addAPIResponse("415", OASFactory.createAPIResponse().ref("UnsupportedMediaType"));
        }
        if (!responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", OASFactory.createAPIResponse().ref("BadRequest"));
        }
        responses
                .addAPIResponse("406", OASFactory.createAPIResponse().ref("NotAcceptable"))
                .addAPIResponse("500", OASFactory.createAPIResponse().ref("InternalError"));
    }

    /**
     * A media type without a schema, or with an empty one, is SmallRye's guess from {@code @Produces},
     * never a body this service sends: declared bodies always have a schema, if only a description.
     */
    private static void dropSchemalessContent(APIResponse response) {
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        List.copyOf(content.getMediaTypes().keySet()).forEach(name -> {
            Schema schema = content.getMediaType(name).getSchema();
            if (schema == null || schema.getAll().isEmpty()) {
                content.removeMediaType(name);
            }
        });
        if (content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            response.setContent(null);
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                ProblemMapper.PROBLEM_JSON,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("Problem"))));
    }
}
