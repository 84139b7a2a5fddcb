package dev.gridservices.dispatch.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Declares the two ways callers authenticate, so /q/openapi names them as the specs do. */
@OpenAPIDefinition(info = @Info(title = "Grid services: dispatch-service", version = "1.0.0"),
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = "ApiKeyAuth", type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.HEADER, apiKeyName = "Texture-Api-Key",
                        description = "Core API (/v1): a SERVER API key"),
                @SecurityScheme(securitySchemeName = "oAuth2ClientCredentials", type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "OpenADR (/v2): an access token from POST /v2/auth/token")}))
public class DispatchApi extends Application {
}
