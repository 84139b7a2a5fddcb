package dev.gridservices.security;

import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemResponses;
import dev.gridservices.kit.problem.ProblemType;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The 401/403/503 answers of the security layer, as problem bodies. Used both below the REST layer (HTTP
 * permission checks and authentication failures happen before any resource is matched) and inside it.
 * No detail ever repeats a credential.
 */
final class SecurityProblems {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String MISSING_CREDENTIALS =
            "Authentication required: send a bearer access token or a Texture-Api-Key header";
    static final String INVALID_CREDENTIALS = "The credentials sent are invalid, expired or revoked";
    static final String MISSING_SCOPE = "This operation requires one of the scopes: ";
    static final String WRONG_CREDENTIAL = "This operation requires one of the credential types: ";
    static final String WRONG_ORGANIZATION_KIND = "This operation is only for organizations of kind: ";
    static final String FORBIDDEN = "The caller may not perform this operation";
    static final String SERVICE_CREDENTIAL_REQUIRED =
            "Internal endpoint: send the service credential in the " + ServiceCredential.HEADER + " header";
    static final String AUTH_SERVICE_UNAVAILABLE = "Cannot verify the API key right now; retry shortly";

    private static final String REALM = "Bearer realm=\"grid-services\"";

    private SecurityProblems() {
    }

    /** The {@code WWW-Authenticate} header of a 401 (RFC 6750 §3); {@code invalid} when credentials were sent but rejected. */
    static Map<String, String> challenge(boolean invalid) {
        return Map.of(WWW_AUTHENTICATE, invalid ? REALM + ", error=\"invalid_token\"" : REALM);
    }

    /** Whether the request carried a credential (which, if we are answering 401, was rejected). */
    static boolean credentialsSent(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        return ctx.request().getHeader(ApiKeyAuthenticationMechanism.HEADER) != null
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }

    static void unauthorized(RoutingContext ctx, boolean invalid) {
        write(ctx, ProblemType.UNAUTHORIZED, invalid ? INVALID_CREDENTIALS : MISSING_CREDENTIALS, challenge(invalid));
    }

    static void forbidden(RoutingContext ctx) {
        write(ctx, ProblemType.FORBIDDEN, FORBIDDEN, Map.of());
    }

    static void serviceCredentialRequired(RoutingContext ctx) {
        write(ctx, ProblemType.UNAUTHORIZED, SERVICE_CREDENTIAL_REQUIRED,
                Map.of(WWW_AUTHENTICATE, "ServiceCredential realm=\"grid-services\", header=\"" + ServiceCredential.HEADER + "\""));
    }

    static void authServiceUnavailable(RoutingContext ctx) {
        write(ctx, ProblemType.SERVICE_UNAVAILABLE, AUTH_SERVICE_UNAVAILABLE, Map.of("Retry-After", "1"));
    }

    private static void write(RoutingContext ctx, ProblemType type, String detail, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        Problem problem = ProblemResponses.problem(type, detail, ctx.request().path(), null);
        response.setStatusCode(type.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(Json.encode(problem));
    }
}
