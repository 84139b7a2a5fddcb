package dev.gridservices.auth.rest;

import dev.gridservices.auth.mapping.TokenErrorBody;
import dev.gridservices.auth.mapping.TokenResponse;
import dev.gridservices.auth.service.SourceAddress;
import dev.gridservices.auth.service.TokenError;
import dev.gridservices.auth.service.TokenService;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OAuth 2.0 token endpoint (client credentials, RFC 6749 §4.4). The body is parsed here rather
 * than by the framework so that a wrong content type or a repeated parameter is answered in RFC 6749
 * terms ({@code invalid_request}) instead of a generic 415/400.
 */
@Path("/v2/auth/token")
@Tag(name = "auth")
public class TokenResource {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CHALLENGE = "Basic realm=\"grid-services\"";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final TokenService tokens;
    private final SourceAddress sourceAddress;

    public TokenResource(TokenService tokens, SourceAddress sourceAddress) {
        this.tokens = tokens;
        this.sourceAddress = sourceAddress;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Obtain an access token (OAuth 2.0 client credentials)",
            description = "Public. Form-urlencoded grant_type=client_credentials, client_id/client_secret in the body "
                    + "or HTTP Basic (not both), optional space-separated scope (default: every scope the client "
                    + "is allowed). Rate limited per client_id, and failed client authentications per source "
                    + "address (429 + Retry-After).")
    @RequestBody(content = @Content(mediaType = FORM))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_grant, unauthorized_client, "
            + "unsupported_grant_type or invalid_scope", content = @Content(schema = @Schema(implementation = TokenErrorBody.class)))
    @APIResponse(responseCode = "401", description = "invalid_client", content = @Content(schema = @Schema(implementation = TokenErrorBody.class)))
    @APIResponse(responseCode = "429", description = "Too many token requests for this client, or too many failed "
            + "client authentications from this address; see Retry-After")
    public Uni<Response> token(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @Context HttpServerRequest http,
                               String body) {
        String address = sourceAddress.of(http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                forwardedFor(http));
        tokens.limitAddress(address);
        TokenService.TokenRequest request;
        try {
            request = parse(contentType, authorization, body, address);
        } catch (TokenError error) {
            tokens.rejected(address, null, error);
            return Uni.createFrom().item(error(error));
        }
        return tokens.issue(request)
                .map(token -> noStore(Response.ok(new TokenResponse(token.accessToken(), "Bearer", token.expiresIn(),
                        token.scope()), MediaType.APPLICATION_JSON_TYPE)).build())
                .onFailure(TokenError.class).recoverWithItem(e -> error((TokenError) e));
    }

    /** Every X-Forwarded-For line, in order, as one list: the last entry is what the nearest proxy appended. */
    private static String forwardedFor(HttpServerRequest http) {
        List<String> lines = http.headers().getAll(FORWARDED_FOR);
        return lines.isEmpty() ? null : String.join(",", lines);
    }

    private static TokenService.TokenRequest parse(String contentType, String authorization, String body, String address) {
        if (!isForm(contentType)) {
            throw new TokenError(TokenError.INVALID_REQUEST, "The request body must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form = decodeForm(body);
        form.forEach((name, values) -> {
            if (values.size() > 1) {
                throw new TokenError(TokenError.INVALID_REQUEST, "Parameter " + name + " is repeated");
            }
        });
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw new TokenError(TokenError.INVALID_REQUEST, "Missing grant_type");
        }
        String clientId = single(form, "client_id");
        String clientSecret = single(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (clientSecret != null) {
                throw new TokenError(TokenError.INVALID_REQUEST,
                        "Use one client authentication method: HTTP Basic or client_secret in the body, not both");
            }
            String[] basic = basicCredentials(authorization.substring(6).trim());
            if (clientId != null && !clientId.equals(basic[0])) {
                throw new TokenError(TokenError.INVALID_REQUEST, "client_id in the body differs from HTTP Basic");
            }
            clientId = basic[0];
            clientSecret = basic[1];
        }
        if (clientId == null || clientSecret == null) {
            throw new TokenError(TokenError.INVALID_CLIENT, "Missing client credentials");
        }
        return new TokenService.TokenRequest(grantType, clientId, clientSecret, single(form, "scope"), address);
    }

    /**
     * The form's parameters. A bad percent-escape ({@code %%%}, {@code %zz}) is the client's malformed request:
     * RFC 6749 §5.2 wants {@code invalid_request} for it, not the generic problem the kit gives other bodies.
     */
    private static Map<String, List<String>> decodeForm(String body) {
        try {
            return new QueryStringDecoder(body == null ? "" : body, StandardCharsets.UTF_8, false).parameters();
        } catch (IllegalArgumentException e) {
            throw new TokenError(TokenError.INVALID_REQUEST, "The form body is not valid application/x-www-form-urlencoded");
        }
    }

    private static boolean isForm(String contentType) {
        try {
            return contentType != null
                    && MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 6749 §2.3.1: Basic user and password are the form-urlencoded client_id and client_secret. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new TokenError(TokenError.INVALID_CLIENT, "Malformed HTTP Basic credentials");
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw new TokenError(TokenError.INVALID_CLIENT, "Malformed HTTP Basic credentials");
        }
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static Response error(TokenError error) {
        Response.ResponseBuilder response = noStore(Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new TokenErrorBody(error.error(), error.getMessage())));
        if (error.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return response.build();
    }

    /** RFC 6749 §5.1: token responses must not be cached. */
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }
}
