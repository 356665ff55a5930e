package dev.sessionstate.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Adds the problems that any operation can answer, 406 (the client accepts no JSON) and 500 (a
 * fault of the service), to every operation of the document, so that generated clients know
 * them. Runs at build time, so the stored and the committed document include them too.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonProblemsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents()
                .addResponse("NotAcceptable", problem("The client accepts neither application/json nor problem documents"))
                .addResponse("InternalError", problem("A fault of the service; the detail says nothing internal"));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                operation.getResponses()
                        .addAPIResponse("406", OASFactory.createAPIResponse().ref("NotAcceptable"))
                        .addAPIResponse("500", OASFactory.createAPIResponse().ref("InternalError"));
            }
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
    }
}
