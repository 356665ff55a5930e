package dev.sessionstate.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares how callers authenticate (an API key in {@code X-Api-Key}, or a bearer token) and the
 * 401 and 403 problems on every operation, so that generated clients can send a key and know the
 * refusals. Every operation needs a role unless {@code sessions.auth.mode=none}; the document is
 * the same in every mode. Runs at build time, so the committed document includes it.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecuritySchemesFilter implements OASFilter {

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents()
                .addSecurityScheme(
                        API_KEY,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(ApiKeyAuthenticationMechanism.HEADER)
                                .description("An API key of a client configured in sessions.auth.api-keys"))
                .addSecurityScheme(
                        BEARER,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An OAuth 2 access token (sessions.auth.mode includes oidc)"))
                .addResponse(
                        "Unauthenticated",
                        problem("No credentials, or credentials that were not accepted")
                                .addHeader(
                                        "WWW-Authenticate",
                                        OASFactory.createHeader()
                                                .description("How to authenticate: ApiKey and/or Bearer")
                                                .schema(OASFactory.createSchema()
                                                        .addType(
                                                                org.eclipse.microprofile.openapi.models.media.Schema
                                                                        .SchemaType.STRING))))
                .addResponse("Forbidden", problem("The caller's roles do not allow this operation"));
        openAPI.security(java.util.List.of(
                OASFactory.createSecurityRequirement().addScheme(API_KEY),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                operation
                        .getResponses()
                        .addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthenticated"))
                        .addAPIResponse("403", OASFactory.createAPIResponse().ref("Forbidden"));
            }
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                "application/problem+json",
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("Problem"))));
    }
}
