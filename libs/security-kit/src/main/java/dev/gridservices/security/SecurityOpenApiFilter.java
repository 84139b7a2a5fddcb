package dev.gridservices.security;

import dev.gridservices.kit.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes /q/openapi say what the kit enforces: the two credential schemes, and on every operation under the
 * protected paths that one of them is required and that a 401 problem may come back. An operation that
 * declares its own {@code @SecurityRequirement} (to name its scopes) keeps it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class SecurityOpenApiFilter implements OASFilter {

    public static final String BEARER_SCHEME = "bearerAuth";
    public static final String API_KEY_SCHEME = "apiKey";

    private static final String TOKEN_PATH = "/v2/auth/token";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSecurityScheme(BEARER_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Access token from POST /v2/auth/token (OAuth 2.0 client credentials)"));
        components.addSecurityScheme(API_KEY_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ApiKeyAuthenticationMechanism.HEADER)
                .description("Server, scoped_ or manufacturer API key"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if ((path.startsWith("/v1/") || path.startsWith("/v2/")) && !path.equals(TOKEN_PATH)) {
                item.getOperations().values().forEach(SecurityOpenApiFilter::secure);
            }
        });
    }

    private static void secure(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER_SCHEME));
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_KEY_SCHEME));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().description("No or invalid credentials")
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType())));
        }
    }
}
